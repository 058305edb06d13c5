/* eslint-disable no-undef */
// One page (taskpane.html) hosts the task pane and the custom functions: Excel's shared runtime.
// runtimeChunk "single" keeps one module registry, so the settings the pane changes are the very
// settings the functions read.
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");

const DEV_URL = "https://localhost:3000/";
// Where the production add-in is hosted; every localhost URL in the manifest and metadata is rewritten to it.
const PROD_URL = ensureSlash(process.env.ADDIN_PROD_URL || "https://www.exportctl.com/addin/");

function ensureSlash(url) {
  return url.endsWith("/") ? url : url + "/";
}

/**
 * A plugin that edits the emitted assets at one processAssets stage (`stage` names a
 * Compilation.PROCESS_ASSETS_STAGE_* constant): edit(assets, compilation, webpack) per build.
 */
function assetsPlugin(name, stage, edit) {
  return {
    apply(compiler) {
      compiler.hooks.thisCompilation.tap(name, (compilation) => {
        compilation.hooks.processAssets.tap(
          { name, stage: compiler.webpack.Compilation[`PROCESS_ASSETS_STAGE_${stage}`] },
          (assets) => edit(assets, compilation, compiler.webpack)
        );
      });
    },
  };
}

/** Rewrites dev URLs in emitted text assets (manifest, functions.json) for production builds. */
const rewriteUrlsPlugin = () =>
  assetsPlugin("RewriteUrlsPlugin", "OPTIMIZE_INLINE", (assets, compilation, webpack) => {
    for (const name of Object.keys(assets)) {
      if (!/\.(xml|json)$/.test(name)) continue;
      const text = assets[name].source().toString();
      if (text.includes(DEV_URL))
        compilation.updateAsset(name, new webpack.sources.RawSource(text.split(DEV_URL).join(PROD_URL)));
    }
  });

/**
 * functions.json options the metadata generator does not write: allowErrorForDataTypeAny, so an
 * error cell inside an input range reaches the function and errs its own row instead of Excel
 * returning one error for the whole spill (allowCustomDataForDataTypeAny, which lets data types
 * such as a Geography cell through, the generator already sets).
 */
const functionsMetadataOptionsPlugin = () =>
  assetsPlugin("FunctionsMetadataOptionsPlugin", "ADDITIONS", (assets, compilation, webpack) => {
    if (!assets["functions.json"]) return;
    const meta = JSON.parse(assets["functions.json"].source().toString());
    meta.allowCustomDataForDataTypeAny = true;
    meta.allowErrorForDataTypeAny = true;
    compilation.updateAsset("functions.json", new webpack.sources.RawSource(JSON.stringify(meta, null, 4)));
  });

/**
 * exceljs ships minified (exceljs.min.js, loaded on demand by the workbench): its chunk is marked
 * minimized so terser leaves it alone. Minifying it again gains nothing, and the arrow conversion
 * below (unsafe_arrows) would break its prototype-based classes.
 */
const preMinifiedPlugin = () =>
  assetsPlugin("PreMinifiedPlugin", "ADDITIONS", (assets, compilation) => {
    for (const name of Object.keys(assets))
      if (name === "exceljs.js") compilation.updateAsset(name, (source) => source, { minimized: true });
  });

module.exports = async (env, options) => {
  if (env && env.cli) return cliConfig(env);
  const dev = options.mode === "development";
  const { themeCss } = await import("./scripts/lib/fluent-theme.mjs");
  const config = {
    devtool: dev ? "source-map" : false,
    entry: {
      // The pane depends on the functions chunk, so the rules module ships once per page.
      taskpane: { import: ["./src/taskpane/index.ts", "./src/taskpane/taskpane.html"], dependOn: "functions" },
      functions: "./src/functions/functions.ts",
      // The workbench (src/workbench): the task pane and the functions without Excel. It shares
      // their modules (dependOn) and the single runtime, so it calls the very functions the page
      // registered and reads the settings the pane changes.
      workbench: { import: "./src/workbench/index.ts", dependOn: ["functions", "taskpane"] },
    },
    output: { path: path.resolve(__dirname, "dist"), clean: true, filename: "[name].js" },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        { test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { onlyCompileBundledFiles: true } } },
        // theme.css (ThemeCssPlugin) and assets/ (copied as they are) are not modules: html-loader
        // leaves their links alone.
        {
          test: /\.html$/,
          exclude: /node_modules/,
          use: { loader: "html-loader", options: { sources: { urlFilter: (_attr, value) => !/^(theme\.css|assets\/)/.test(value) } } },
        },
        // The country table reads only alpha-2 and alpha-3 of each row (src/rules/data/countries.ts):
        // they ship as one string, "AFAFG ALALB ...", and the numeric code and ISO 3166-2 name are
        // left out of the functions bundle (size budget).
        {
          test: /i18n-iso-countries[\\/]codes\.json$/,
          type: "json",
          parser: { parse: (text) => JSON.parse(text).map((row) => row[0] + row[1]).join(" ") },
        },
        { test: /\.(png|jpg|jpeg|gif|ico|svg)$/, type: "asset/resource", generator: { filename: "assets/[name][ext][query]" } },
      ],
    },
    // Shortest export names and module ids: the functions bundle counts every byte (DESIGN §6).
    // terser may write ES2020 (the source's own target) and turn the function expressions it makes
    // of single-use functions into arrows: none of ours reads `this` or is called with `new` (the
    // one dependency that does, exceljs, is left as it ships: preMinifiedPlugin).
    optimization: {
      runtimeChunk: "single",
      mangleExports: "size",
      moduleIds: "size",
      chunkIds: "size",
      minimizeOptions: { javascript: { ecma: 2020, compress: { passes: 3, ecma: 2020, unsafe_arrows: true } } },
    },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["runtime", "functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new HtmlWebpackPlugin({
        filename: "workbench.html",
        templateContent: workbenchHtml,
        chunks: ["runtime", "functions", "taskpane", "workbench"],
        chunksSortMode: "manual",
      }),
      new WatchFilesPlugin(WORKBENCH_SOURCES),
      preMinifiedPlugin(),
      new ThemeCssPlugin(themeCss, THEMED_STYLESHEETS),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          { from: "help", to: "help" },
          { from: "examples/shipments.xlsx", to: "examples/shipments.xlsx", noErrorOnMissing: true },
          { from: "examples/shipments.csv", to: "examples/shipments.csv", noErrorOnMissing: true },
        ],
      }),
      functionsMetadataOptionsPlugin(),
      ...(dev ? [] : [rewriteUrlsPlugin()]),
    ],
    devServer: env && env.WEBPACK_SERVE ? {
      static: { directory: path.join(__dirname, "dist"), publicPath: "/public" },
      headers: { "Access-Control-Allow-Origin": "*" },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      server: { type: "https", options: await httpsOptions() },
      client: { overlay: false },
    } : undefined,
  };
  return config;
};

// workbench.html: src/workbench/workbench.html with the task pane's own markup (the body of
// src/taskpane/taskpane.html, without office.js) in its side column and workbench.css inlined.
// The pane's script then starts on it exactly as in Excel.
const WORKBENCH_SOURCES = ["src/workbench/workbench.html", "src/workbench/workbench.css", "src/taskpane/taskpane.html"].map((f) =>
  path.resolve(__dirname, f)
);
function workbenchHtml() {
  const fs = require("fs");
  const [page, css, pane] = WORKBENCH_SOURCES.map((f) => fs.readFileSync(f, "utf8"));
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(pane);
  if (!body) throw new Error("src/taskpane/taskpane.html has no <body>");
  // The workbench's top bar carries the brand: the pane's own header (a second banner) stays out.
  const paneBody = body[1].replace(/<header class="app-header">[\s\S]*?<\/header>/, "");
  return page
    .replace("<!-- exportctl:workbench-css -->", () => `<style>\n${css}</style>`)
    .replace("<!-- exportctl:taskpane -->", () => paneBody);
}

// theme.css: the Fluent 2 tokens these stylesheets use, light and dark (scripts/lib/fluent-theme.mjs).
const THEMED_STYLESHEETS = ["src/taskpane/taskpane.css", "src/workbench/workbench.css", "help/help.css"].map((f) =>
  path.resolve(__dirname, f)
);
class ThemeCssPlugin {
  constructor(themeCss, files) {
    this.themeCss = themeCss;
    this.files = files;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ThemeCssPlugin", (compilation) => {
      for (const f of this.files) compilation.fileDependencies.add(f);
      compilation.hooks.processAssets.tap(
        { name: "ThemeCssPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => compilation.emitAsset("theme.css", new compiler.webpack.sources.RawSource(this.themeCss(this.files)))
      );
    });
  }
}

/** Rebuilds (webpack serve) when files read outside the module graph change. */
class WatchFilesPlugin {
  constructor(files) {
    this.files = files;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("WatchFilesPlugin", (compilation) => {
      for (const f of this.files) compilation.fileDependencies.add(f);
    });
  }
}

// The command line (`exportctl check`, src/cli): a node bundle of the same functions, settings and
// rules, run by bin/exportctl.mjs, which builds it on demand (`webpack --env cli`) into
// node_modules/.cache/exportctl-cli (outside dist/, which every browser build cleans). exceljs and
// cli-progress stay in node_modules. Type checking is left to the main build, lint and jest.
function cliConfig(env) {
  return {
    name: "cli",
    mode: "production",
    target: "node20",
    devtool: false,
    entry: { exportctl: "./src/cli/index.ts" },
    output: {
      path: env.cliOut ? path.resolve(env.cliOut) : path.resolve(__dirname, "node_modules/.cache/exportctl-cli"),
      filename: "[name].cjs",
      library: { type: "commonjs2" },
      clean: false,
    },
    resolve: { extensions: [".ts", ".js", ".json"] },
    module: {
      rules: [{ test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { transpileOnly: true } } }],
    },
    externals: { exceljs: "commonjs exceljs", "cli-progress": "commonjs cli-progress" },
    externalsPresets: { node: true },
    optimization: { minimize: false },
    performance: { hints: false },
    // One file: the launcher moves exportctl.cjs alone into place, so lazy chunks (the screening
    // matcher's) are folded back in.
    plugins: [new (require("webpack").optimize.LimitChunkCountPlugin)({ maxChunks: 1 })],
    stats: "errors-warnings",
  };
}

// office-addin-dev-certs trusts its CA system-wide with sudo, which fails as root without sudo or
// in CI, and on failure it regenerates the CA (breaking a browser that trusted the old one). So
// serve the certificates already generated (scripts/start.mjs makes sure they exist) and ask the
// package only when there are none.
async function httpsOptions() {
  const fs = require("fs");
  const os = require("os");
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const read = (f) => fs.readFileSync(path.join(dir, f));
  if (["ca.crt", "localhost.key", "localhost.crt"].every((f) => fs.existsSync(path.join(dir, f)))) {
    return { ca: read("ca.crt"), key: read("localhost.key"), cert: read("localhost.crt") };
  }
  try {
    return await require("office-addin-dev-certs").getHttpsServerOptions();
  } catch (error) {
    try {
      return { ca: read("ca.crt"), key: read("localhost.key"), cert: read("localhost.crt") };
    } catch {
      console.warn(`HTTPS certificates unavailable (${error && error.message}); serving with a self-signed fallback.`);
      return {};
    }
  }
}
