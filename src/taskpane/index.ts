/* global document, URL, globalThis */
// Entry of the task pane bundle: load the stylesheet, then start the pane when Office is ready
// (at once when office.js is absent, e.g. opened outside Office without network).
import { init, showFatal } from "./pane";

// Emitted by webpack as an asset; linked from here so the content-hashed name stays right.
const css = document.createElement("link");
css.rel = "stylesheet";
css.href = new URL("./taskpane.css", import.meta.url).href;
const styled = () => document.documentElement.classList.add("styled");
css.addEventListener("load", styled);
css.addEventListener("error", styled);
document.head.appendChild(css);

function start(info: { host: string | null; platform?: string | null } | null): void {
  try {
    init(info);
  } catch (error) {
    showFatal(error);
  }
}

type OnReady = (cb: (info: { host: string | null }) => void) => unknown;
const office = (globalThis as unknown as { Office?: { onReady?: OnReady } }).Office;
if (office && typeof office.onReady === "function") office.onReady((info) => start(info));
else start({ host: null, platform: null });
