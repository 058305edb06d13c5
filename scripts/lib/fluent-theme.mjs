// theme.css: Microsoft's Fluent 2 design tokens (@fluentui/tokens, the values FluentProvider uses)
// as CSS custom properties, one stylesheet shared by the task pane, the workbench and the help
// pages. Only the tokens the stylesheets reference are emitted.
//   light: webLightTheme, by default;
//   dark:  webDarkTheme, when the Office theme is dark (the pane sets <html data-theme="dark">)
//          or, outside Office, when the system prefers dark (unless the pane chose light);
//   high contrast: under forced-colors the system colours replace the tokens.
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Token names (`var(--colorNeutralForeground1)`, ...) referenced by the given CSS files. */
export function tokensUsed(files) {
  const names = new Set();
  for (const f of files) {
    const css = fs.readFileSync(f, "utf8");
    for (const m of css.matchAll(/var\(--((?:color|font|borderRadius|shadow|lineHeight|strokeWidth)[A-Za-z0-9]*)/g))
      names.add(m[1]);
  }
  return [...names].sort();
}

// What each token becomes under forced colours (Windows high contrast), by the token's role.
function forcedColor(name) {
  if (/^colorBrandBackground(?!2)|^colorCompoundBrand/.test(name)) return "Highlight";
  if (/OnBrand|^colorNeutralForegroundInverted/.test(name)) return "HighlightText";
  if (/Disabled/.test(name)) return "GrayText";
  if (/Link|^colorBrandForeground/.test(name)) return "LinkText";
  if (/Foreground|Stroke|Border/.test(name)) return "CanvasText";
  if (/Background/.test(name)) return "Canvas";
  return null;
}

function block(selector, theme, names, extra = "") {
  const lines = names.filter((n) => theme[n] !== undefined).map((n) => `  --${n}: ${theme[n]};`);
  return `${selector} {\n${extra}${lines.join("\n")}\n}\n`;
}

/** The stylesheet text. */
export function themeCss(files) {
  const { webLightTheme, webDarkTheme } = require("@fluentui/tokens");
  const version = require("@fluentui/tokens/package.json").version;
  const names = tokensUsed(files);
  const colors = names.filter((n) => n.startsWith("color"));
  const forced = colors
    .map((n) => [n, forcedColor(n)])
    .filter(([, v]) => v)
    .map(([n, v]) => `  --${n}: ${v};`);
  return [
    `/* Fluent 2 design tokens from @fluentui/tokens ${version} (webLightTheme, webDarkTheme); generated at build time. */`,
    block(":root", webLightTheme, names, "  color-scheme: light;\n"),
    "@media (prefers-color-scheme: dark) {\n" +
      block(':root:not([data-theme="light"])', webDarkTheme, colors, "  color-scheme: dark;\n") +
      "}",
    block(':root[data-theme="dark"]', webDarkTheme, colors, "  color-scheme: dark;\n"),
    `@media (forced-colors: active) {\n  :root,\n  :root[data-theme] {\n${forced.join("\n")}\n  }\n}\n`,
  ].join("\n");
}
