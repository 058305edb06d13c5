// The pane in jsdom: taskpane.html wired by init() to fake document settings and a mock Excel.
import { RULES_DATA_HASH, RULES_DATA_VERSION } from "../../src/rules";
import { listRegimes, sources } from "../../src/rules/pane-api";
import { SETTINGS_KEYS, effectiveAsOf, effectiveRegime, getSettings, resetSettings } from "../../src/settings/settings";
import { Pane, PaneEnv, init } from "../../src/taskpane/pane";
import { fakeExcel, fakeSettings, loadPaneHtml } from "./helpers";

const NOW = new Date(2026, 10, 27, 10, 0, 0);
let pane: Pane | null = null;

beforeEach(() => {
  resetSettings();
  loadPaneHtml();
});
afterEach(() => pane?.dispose());

function open(host: string | null, env: Partial<PaneEnv> = {}) {
  pane = init({ host }, { settings: null, excel: undefined, now: () => NOW, ...env });
  return pane;
}

const $ = <T extends HTMLElement = HTMLElement>(sel: string) => document.querySelector(sel) as T;
const radio = (id: string) => $<HTMLInputElement>(`input[name="regime"][value="${id}"]`);
const choose = (input: HTMLInputElement) => {
  input.checked = true;
  input.dispatchEvent(new Event("change", { bubbles: true }));
};
const type = (id: string, value: string) => {
  $<HTMLInputElement>(`#${id}`).value = value;
};
const submit = () => $<HTMLFormElement>("#check-form").dispatchEvent(new Event("submit", { cancelable: true, bubbles: true }));

/** The accessible name the way a screen reader finds it for these simple controls. */
function accessibleName(el: HTMLElement): string {
  const byIds = el.getAttribute("aria-labelledby");
  if (byIds) return byIds.split(/\s+/).map((id) => document.getElementById(id)?.textContent?.trim() ?? "").join(" ").trim();
  if (el.getAttribute("aria-label")) return el.getAttribute("aria-label")!;
  if (el.tagName === "FIELDSET") return el.querySelector("legend")?.textContent?.trim() ?? "";
  if (el.id) {
    const label = document.querySelector(`label[for="${el.id}"]`);
    if (label) return label.textContent!.replace(/\s+/g, " ").trim();
  }
  if (el.tagName === "BUTTON" || el.tagName === "A" || el.tagName === "SUMMARY") return el.textContent!.trim();
  return "";
}

test("the regime picker is a radio group named 'Regulatory regime': every regime with its name and badge, the default checked", () => {
  open("Excel", { settings: fakeSettings().store, excel: fakeExcel([], { selection: [0, 0, 1, 1] }).excel });
  const group = $("#regime-group");
  expect(group.getAttribute("role")).toBe("radiogroup");
  expect(accessibleName(group)).toBe("Regulatory regime");
  const radios = [...document.querySelectorAll<HTMLInputElement>('input[name="regime"]')];
  expect(radios.map((r) => r.value)).toEqual(listRegimes().map((r) => r.id));
  for (const info of listRegimes()) {
    const label = document.querySelector(`label[for="regime-${info.id}"]`)!;
    expect(label.textContent).toContain(info.name);
    expect(label.querySelector(".badge")!.textContent).toBe(info.badge);
  }
  expect(radio("enforced").checked).toBe(true);
  expect(radio("diffusion-2025").checked).toBe(false);
  expect($("#regime-detail").textContent).toContain(listRegimes()[0].description);
  expect($("#host-notice").hidden).toBe(true);
  expect($("#loading")).toBeNull();
});

test("choosing a regime makes it the workbook default, saves it in the document and recalculates", async () => {
  const settings = fakeSettings();
  const excel = fakeExcel([], { selection: [0, 0, 1, 1] });
  open("Excel", { settings: settings.store, excel: excel.excel });
  choose(radio("diffusion-2025"));
  await pane!.idle();
  expect(effectiveRegime()).toBe("diffusion-2025");
  expect(settings.data.get(SETTINGS_KEYS.regime)).toBe("diffusion-2025");
  expect(settings.saves()).toBe(1);
  expect(excel.calculations).toEqual(["Full"]);
  expect($("#settings-status").textContent).toMatch(/Saved in this workbook\. Formulas recalculated\./);
  expect($("#regime-detail").textContent).toContain("90 FR 4544");
});

test("on open the saved choice is restored and shown", () => {
  const settings = fakeSettings({ [SETTINGS_KEYS.regime]: "proposal-500", [SETTINGS_KEYS.asOf]: "2025-06-01" });
  open("Excel", { settings: settings.store, excel: fakeExcel([], { selection: [0, 0, 1, 1] }).excel });
  expect(getSettings()).toEqual({ regime: "proposal-500", asOf: "2025-06-01" });
  expect(radio("proposal-500").checked).toBe(true);
  expect($<HTMLInputElement>("#asof-fixed").checked).toBe(true);
  expect($<HTMLInputElement>("#asof-date").value).toBe("2025-06-01");
});

test("corrupted saved values are named in the pane and ignored, not used silently", () => {
  const settings = fakeSettings({ [SETTINGS_KEYS.regime]: "bogus", [SETTINGS_KEYS.asOf]: "1900-01-01" });
  open("Excel", { settings: settings.store, excel: fakeExcel([], { selection: [0, 0, 1, 1] }).excel });
  expect(getSettings()).toEqual({ regime: null, asOf: null });
  const status = $("#settings-status").textContent!;
  expect(status).toContain("regime 'bogus'");
  expect(status).toContain("as-of date '1900-01-01'");
  expect(radio("enforced").checked).toBe(true);
});

test("an as-of date before 2000 typed in the pane is refused with the reason", async () => {
  const settings = fakeSettings();
  open("Excel", { settings: settings.store, excel: fakeExcel([], { selection: [0, 0, 1, 1] }).excel });
  type("asof-date", "1905-07-17");
  $("#asof-date").dispatchEvent(new Event("change", { bubbles: true }));
  await pane!.idle();
  expect($("#asof-error").hidden).toBe(false);
  expect($("#asof-error").textContent).toContain("2000-01-01");
  expect(getSettings().asOf).toBeNull();
  expect(settings.data.has(SETTINGS_KEYS.asOf)).toBe(false);
});

test("a fixed as-of date is saved and applied; back to today removes it", async () => {
  const settings = fakeSettings();
  const excel = fakeExcel([], { selection: [0, 0, 1, 1] });
  open("Excel", { settings: settings.store, excel: excel.excel });
  expect($<HTMLInputElement>("#asof-today").checked).toBe(true);
  expect($("#today-date").textContent).toBe("(2026-11-27)");
  type("asof-date", "2025-06-01");
  $("#asof-date").dispatchEvent(new Event("change", { bubbles: true }));
  await pane!.idle();
  expect(effectiveAsOf(NOW)).toBe("2025-06-01");
  expect(settings.data.get(SETTINGS_KEYS.asOf)).toBe("2025-06-01");
  expect($<HTMLInputElement>("#asof-fixed").checked).toBe(true);
  choose($<HTMLInputElement>("#asof-today"));
  await pane!.idle();
  expect(getSettings().asOf).toBeNull();
  expect(settings.data.has(SETTINGS_KEYS.asOf)).toBe(false);
  expect(excel.calculations).toEqual(["Full", "Full"]);
});

test("a shipment is checked under every regime, side by side, with steps and citations", async () => {
  open("Excel", { settings: fakeSettings({ [SETTINGS_KEYS.asOf]: "2025-06-01" }).store, excel: fakeExcel([], { selection: [0, 0, 1, 1] }).excel });
  type("chip", "H100");
  type("destination", "India");
  type("quantity", "1700");
  submit();
  const cards = [...document.querySelectorAll<HTMLElement>("#results .card")];
  expect(cards.map((c) => c.dataset.regime)).toEqual(listRegimes().map((r) => r.id));
  const card = (id: string) => cards.find((c) => c.dataset.regime === id)!;
  expect(card("enforced").querySelector(".verdict")!.textContent).toContain("No license required");
  expect(card("diffusion-2025").querySelector(".verdict")!.textContent).toContain("License required");
  expect(card("enforced").querySelector(".tag")!.textContent).toBe("workbook default");
  expect($("#results").textContent).toContain("As of 2025-06-01");
  expect($("#results").textContent).toContain("The regimes disagree on whether a license is required.");
  for (const c of cards) {
    expect(c.querySelector(".badge")!.textContent).toBeTruthy();
    const facts = c.querySelector("dl.facts")!.textContent!;
    for (const term of ["ECCN", "Exception", "Review policy", "H100-equivalents", "Confidence"]) expect(facts).toContain(term);
    const steps = c.querySelectorAll("details.steps li");
    expect(steps.length).toBeGreaterThan(2);
    expect(c.querySelector("details.steps cite")!.textContent!.length).toBeGreaterThan(3);
  }
  // Changing the regime re-marks the default without re-typing.
  choose(radio("diffusion-2025"));
  await pane!.idle();
  expect(document.querySelector('#results .card[data-regime="diffusion-2025"] .tag')!.textContent).toBe("workbook default");
});

test("the checker's Ship from field: a reexport from Taiwan keeps China at presumption of denial", () => {
  open("Excel", { settings: fakeSettings({ [SETTINGS_KEYS.asOf]: "2026-03-01" }).store, excel: fakeExcel([], { selection: [0, 0, 1, 1] }).excel });
  type("chip", "H200");
  type("destination", "CN");
  type("quantity", "100");
  submit();
  const enforced = () => document.querySelector<HTMLElement>('#results .card[data-regime="enforced"]')!.textContent!;
  expect(enforced()).toContain("case-by-case");
  type("ship-from", "Taiwan");
  submit();
  expect(enforced()).toContain("presumption of denial");
  expect($("#results").textContent).toContain("shipped from Taiwan");
});

test("a bad chip shows the resolver's message and 'did you mean' inline; choosing the suggestion checks again", () => {
  open(null);
  type("chip", "H1OO");
  type("destination", "AE");
  submit();
  const error = $("#chip-error");
  expect(error.hidden).toBe(false);
  expect(error.textContent).toContain("Unknown chip 'H1OO'");
  expect($("#chip").getAttribute("aria-invalid")).toBe("true");
  expect($("#chip").getAttribute("aria-describedby")).toContain("chip-error");
  expect(document.activeElement).toBe($("#chip"));
  const suggestion = error.querySelector<HTMLButtonElement>("button")!;
  expect(suggestion.textContent).toBe("H100");
  suggestion.click();
  expect($<HTMLInputElement>("#chip").value).toBe("H100");
  expect(error.hidden).toBe(true);
  expect($("#chip").hasAttribute("aria-invalid")).toBe(false);
  expect(document.querySelectorAll("#results .card")).toHaveLength(4);
});

test("outside Office: the pane says so, sheet actions are off with the reason, the checker works", () => {
  const p = open(null);
  expect(p.state.inExcel).toBe(false);
  expect($("#host-notice").hidden).toBe(false);
  expect($("#host-notice").textContent).toMatch(/Not running inside Excel/);
  for (const id of ["action-columns", "action-compare", "action-audit"]) expect($<HTMLButtonElement>(`#${id}`).disabled).toBe(true);
  expect($("#sheet-disabled").hidden).toBe(false);
  expect($("#sheet-disabled").textContent).toMatch(/need Excel/);
  type("chip", "B200");
  type("destination", "CN");
  submit();
  expect(document.querySelectorAll("#results .card")).toHaveLength(4);
});

test("outside Office a regime choice applies to this page but is not saved", async () => {
  open(null);
  choose(radio("baseline-2023"));
  await pane!.idle();
  expect(effectiveRegime()).toBe("baseline-2023");
  expect($("#settings-status").textContent).toMatch(/Not saved: no workbook/);
});

test("in Excel without the workbook API the sheet actions are off with the reason", () => {
  open("Excel", { settings: fakeSettings().store });
  expect($("#host-notice").hidden).toBe(true);
  expect($<HTMLButtonElement>("#action-compare").disabled).toBe(true);
  expect($("#sheet-disabled").textContent).toMatch(/Excel JavaScript API/);
});

test("in an Excel without the API version the actions need, they are off with the reason", () => {
  const asked: string[] = [];
  open("Excel", {
    settings: fakeSettings().store,
    excel: fakeExcel([], { selection: [0, 0, 1, 1] }).excel,
    supports: (set, version) => (asked.push(`${set} ${version}`), false),
  });
  expect(asked).toEqual(["ExcelApi 1.7"]);
  expect($<HTMLButtonElement>("#action-columns").disabled).toBe(true);
  expect($("#sheet-disabled").textContent).toMatch(/Excel JavaScript API 1.7 or later/);
});

test("a sheet action button runs in Excel and reports what it wrote", async () => {
  const excel = fakeExcel(
    [
      ["Chip", "Destination", "Quantity"],
      ["H100", "AE", 2000],
    ],
    { selection: [0, 0, 1, 1] }
  );
  open("Excel", { settings: fakeSettings().store, excel: excel.excel });
  $<HTMLButtonElement>("#action-columns").click();
  expect($<HTMLButtonElement>("#action-columns").disabled).toBe(true);
  await pane!.idle();
  expect($<HTMLButtonElement>("#action-columns").disabled).toBe(false);
  expect($("#sheet-status").className).toContain("status-ok");
  expect($("#sheet-status").textContent).toMatch(/^Added License required/);
  expect(excel.sheets.get("Shipments")!.grid[1][3]).toBe("=EXPORTCTL.REQUIRES_LICENSE(A2,B2,C2)");

  $<HTMLButtonElement>("#action-audit").click();
  await pane!.idle();
  expect($("#sheet-status").textContent).toMatch(/^Wrote "Audit 2026-11-27 10.00": 1 shipment under enforced/);
});

test("provenance: rules-data version and hash, linked sources, the confidence legend in words, not legal advice", () => {
  open(null);
  const text = $("#provenance").textContent!;
  expect(text).toContain(RULES_DATA_VERSION);
  expect(text).toContain(RULES_DATA_HASH);
  const links = [...document.querySelectorAll<HTMLAnchorElement>("#provenance a")];
  expect(links.length).toBe(sources().filter((s) => s.url).length);
  expect(links.every((a) => a.rel.includes("noopener") && a.target === "_blank")).toBe(true);
  const legend = [...document.querySelectorAll("#provenance dl.legend dt")].map((dt) => dt.textContent);
  expect(legend).toEqual(["confirmed", "secondary", "unconfirmed"]);
  expect(document.body.textContent).toMatch(/Not legal advice/);
});

test("every control has an accessible name, and the datalists offer chips and countries", () => {
  open("Excel", { settings: fakeSettings().store, excel: fakeExcel([], { selection: [0, 0, 1, 1] }).excel });
  type("chip", "x");
  submit(); // renders an error and a suggestion-free message; then a result with <details>
  type("chip", "H100");
  type("destination", "AE");
  submit();
  const controls = [...document.querySelectorAll<HTMLElement>("input, select, textarea, button, a[href], summary, fieldset")];
  expect(controls.length).toBeGreaterThan(20);
  const unnamed = controls.filter((el) => !accessibleName(el)).map((el) => el.outerHTML.slice(0, 80));
  expect(unnamed).toEqual([]);
  const chipOptions = [...document.querySelectorAll<HTMLOptionElement>("#chip-list option")].map((o) => o.value);
  expect(chipOptions).toEqual(expect.arrayContaining(["H100 SXM5 80GB", "H100"]));
  const countries = [...document.querySelectorAll<HTMLOptionElement>("#country-list option")];
  expect(countries.length).toBeGreaterThan(200);
  expect(countries.find((o) => o.label === "AE")!.value).toBe("United Arab Emirates");
});
