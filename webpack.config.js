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

/** Rewrites dev URLs in emitted text assets (manifest, functions.json) for production builds. */
class RewriteUrlsPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("RewriteUrlsPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "RewriteUrlsPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_INLINE },
        (assets) => {
          for (const name of Object.keys(assets)) {
            if (!/\.(xml|json)$/.test(name)) continue;
            const text = assets[name].source().toString();
            if (text.includes(DEV_URL)) {
              compilation.updateAsset(name, new compiler.webpack.sources.RawSource(text.split(DEV_URL).join(PROD_URL)));
            }
          }
        }
      );
    });
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const config = {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: ["./src/taskpane/index.ts", "./src/taskpane/taskpane.html"],
      functions: "./src/functions/functions.ts",
    },
    output: { path: path.resolve(__dirname, "dist"), clean: true, filename: "[name].js" },
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        { test: /\.ts$/, exclude: /node_modules/, use: { loader: "ts-loader", options: { onlyCompileBundledFiles: true } } },
        { test: /\.html$/, exclude: /node_modules/, use: "html-loader" },
        { test: /\.(png|jpg|jpeg|gif|ico|svg)$/, type: "asset/resource", generator: { filename: "assets/[name][ext][query]" } },
      ],
    },
    optimization: { runtimeChunk: "single" },
    performance: { hints: false },
    plugins: [
      new CustomFunctionsMetadataPlugin({ output: "functions.json", input: "./src/functions/functions.ts" }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["runtime", "functions", "taskpane"],
        chunksSortMode: "manual",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
          { from: "help", to: "help" },
          { from: "examples/shipments.xlsx", to: "examples/shipments.xlsx", noErrorOnMissing: true },
        ],
      }),
      ...(dev ? [] : [new RewriteUrlsPlugin()]),
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

// office-addin-dev-certs tries to trust its CA system-wide with sudo, which fails as root without
// sudo or in CI; the certificates it generated are still good for serving, so fall back to them.
async function httpsOptions() {
  const devCerts = require("office-addin-dev-certs");
  try {
    return await devCerts.getHttpsServerOptions();
  } catch (error) {
    const fs = require("fs");
    const os = require("os");
    const dir = path.join(os.homedir(), ".office-addin-dev-certs");
    const read = (f) => fs.readFileSync(path.join(dir, f));
    try {
      return { ca: read("ca.crt"), key: read("localhost.key"), cert: read("localhost.crt") };
    } catch {
      console.warn(`HTTPS certificates unavailable (${error && error.message}); serving with a self-signed fallback.`);
      return {};
    }
  }
}
