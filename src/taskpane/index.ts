/* global document, URL, globalThis, setTimeout, HTMLLinkElement */
// Entry of the task pane bundle: start the pane when Office is ready, at once when office.js is
// absent (offline, or the page opened outside Office), and after a few seconds whatever happens,
// so the pane never stays on "Loading…".
import { init, showFatal } from "./pane";
import { followOfficeTheme } from "./theme";

// taskpane.html links the stylesheet itself; pages that embed the pane's markup (the workbench)
// get it from here. Emitted by webpack as an asset, so the content-hashed name stays right.
const href = new URL("./taskpane.css", import.meta.url).href;
if (
  ![...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].some(
    (l) => l.href === href
  )
) {
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = href;
  document.head.appendChild(css);
}

// Inside Office, onReady answers in well under a second; this only rescues a page whose office.js
// never answers.
const OFFICE_READY_TIMEOUT_MS = 10_000;
let started = false;

function start(info: { host: string | null; platform?: string | null } | null): void {
  if (started) return;
  started = true;
  try {
    followOfficeTheme(document);
    init(info);
  } catch (error) {
    showFatal(error);
  }
}

type OnReady = (cb: (info: { host: string | null }) => void) => unknown;
const office = (globalThis as unknown as { Office?: { onReady?: OnReady } }).Office;
if (office && typeof office.onReady === "function") {
  office.onReady((info) => start(info));
  setTimeout(() => start({ host: null, platform: null }), OFFICE_READY_TIMEOUT_MS);
} else start({ host: null, platform: null });
