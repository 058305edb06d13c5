/* global HTMLElement, Document, HTMLDataListElement */
// Builds the pane's dynamic parts as DOM nodes: regime choices, checker results, field errors,
// provenance and the datalists. No Office, no state: pane.ts decides what to show and when.
import type { Chip, Confidence, Determination, RegimeId, RegimeInfo, Shipment } from "../rules";
import type { CheckField, CheckOutcome, FieldError, RegimeResult } from "./checker";
import { Child, fill, h } from "./dom";
import { formatNumber, regimeCaveat, sentence } from "./verdict";

/** CSS modifier for a regime's status badge (the badge text carries the meaning). */
export function badgeClass(badge: string): string {
  if (/not enforced/i.test(badge)) return "badge badge-dormant";
  if (/proposal/i.test(badge)) return "badge badge-proposal";
  return "badge badge-inforce";
}

function badge(info: RegimeInfo): HTMLElement {
  return h("span", { class: badgeClass(info.badge) }, info.badge);
}

function when(info: RegimeInfo): string {
  if (info.effectiveFrom && info.effectiveTo) return `${info.effectiveFrom} to ${info.effectiveTo}`;
  if (info.effectiveFrom) return `from ${info.effectiveFrom}`;
  return "never in force";
}

/** The regime radio group: one choice per regime with its name, status badge and dates. */
export function renderRegimeChoices(
  container: HTMLElement,
  regimes: RegimeInfo[],
  selected: RegimeId
): void {
  fill(
    container,
    regimes.map((r) => {
      const id = `regime-${r.id}`;
      return h(
        "div",
        { class: "choice" },
        h("input", {
          type: "radio",
          name: "regime",
          id,
          value: r.id,
          checked: r.id === selected,
          "aria-label": `${r.name} (${r.badge})`,
          "aria-describedby": `${id}-desc`,
        }),
        h(
          "label",
          { for: id },
          h("span", { class: "choice-name" }, r.name),
          " ",
          badge(r),
          h(
            "span",
            { class: "choice-meta", id: `${id}-desc` },
            h("code", {}, r.id),
            ` · ${r.status}`
          )
        )
      );
    })
  );
}

/** The selected regime's description and sources, one click away under the group. */
export function renderRegimeDetail(container: HTMLElement, info: RegimeInfo | undefined): void {
  if (!info) return fill(container);
  fill(
    container,
    h(
      "details",
      {},
      h("summary", {}, "What this regime applies"),
      h("p", {}, info.description),
      h("p", { class: "cite" }, `In force: ${when(info)}. Sources: `, h("cite", {}, info.cite))
    )
  );
}

// ---------------------------------------------------------------------------------------------
// Checker

export const FIELD_IDS: Readonly<Record<CheckField, string>> = {
  chip: "chip",
  destination: "destination",
  quantity: "quantity",
  endUserHq: "hq",
  priorTpp: "prior-tpp",
  shipFrom: "ship-from",
};

/** Marks each field with its error (aria-invalid + message + "did you mean" buttons); clears the others. */
export function renderFieldErrors(
  root: Document,
  errors: FieldError[],
  onSuggestion: (field: CheckField, value: string) => void
): void {
  for (const [field, id] of Object.entries(FIELD_IDS) as [CheckField, string][]) {
    const input = root.getElementById(id);
    const slot = root.getElementById(`${id}-error`);
    if (!input || !slot) continue;
    const error = errors.find((e) => e.field === field);
    if (!error) {
      input.removeAttribute("aria-invalid");
      fill(slot);
      slot.hidden = true;
      continue;
    }
    input.setAttribute("aria-invalid", "true");
    slot.hidden = false;
    fill(
      slot,
      h("span", { class: "error-icon", "aria-hidden": "true" }, "✕"),
      " ",
      h("span", {}, error.message),
      error.suggestions.length
        ? h(
            "span",
            { class: "suggestions" },
            " Use: ",
            error.suggestions.slice(0, 4).map((s) => {
              const b = h(
                "button",
                { type: "button", class: "link-button", "data-field": field, "data-value": s },
                s
              );
              b.addEventListener("click", () => onSuggestion(field, s));
              return b;
            })
          )
        : null
    );
  }
}

function itemName(shipment: Shipment): string {
  return shipment.item.kind === "chip" ? shipment.item.chip.name : shipment.item.eccn;
}

/** "H100 SXM5 80GB x 1,700 to India (IN)". */
export function shipmentTitle(shipment: Shipment): string {
  const d = shipment.destination;
  const hq =
    shipment.endUserHq && shipment.endUserHq.code !== d.code
      ? `, end user headquartered in ${shipment.endUserHq.name}`
      : "";
  const from =
    shipment.shipFrom && shipment.shipFrom.treatedAs !== "US"
      ? `, shipped from ${shipment.shipFrom.name} (${shipment.shipFrom.code})`
      : "";
  return `${itemName(shipment)} × ${formatNumber(shipment.quantity, 0)} to ${d.name} (${d.code})${hq}${from}`;
}

function fact(term: string, value: Child | Child[]): HTMLElement[] {
  return [h("dt", {}, term), h("dd", {}, value)];
}

function confidence(c: Confidence): HTMLElement {
  return h("span", { class: `confidence confidence-${c}` }, c);
}

/**
 * A determination's steps as list items: text, citation, confidence (the pane's cards and the
 * workbench's row detail); `badge` draws the confidence in the page's own style.
 */
export function stepItems(
  steps: Determination["steps"],
  badge: (c: Confidence) => HTMLElement = confidence
): HTMLElement[] {
  return steps.map((s) =>
    h("li", {}, h("span", {}, s.text), " ", h("cite", {}, s.cite), " ", badge(s.confidence))
  );
}

function steps(d: Determination, key: string): HTMLElement {
  return h(
    "details",
    { class: "steps" },
    h("summary", {}, `Steps and citations (${d.steps.length})`),
    h("ol", { id: `${key}-steps` }, stepItems(d.steps))
  );
}

function resultCard(r: RegimeResult, chosen: RegimeId, asOf: string): HTMLElement {
  const key = `result-${r.regime.id}`;
  const head = h(
    "div",
    { class: "card-head" },
    h("h4", { id: `${key}-name` }, r.regime.name),
    " ",
    badge(r.regime),
    r.regime.id === chosen ? h("span", { class: "tag" }, "workbook default") : null
  );
  if (!r.determination || !r.verdict) {
    return h(
      "li",
      { class: "card verdict-error", "aria-labelledby": `${key}-name` },
      head,
      h(
        "p",
        { class: "verdict" },
        h("span", { class: "verdict-icon", "aria-hidden": "true" }, "✕"),
        h("strong", {}, "Not evaluated")
      ),
      h("p", { class: "verdict-detail" }, r.error ?? "")
    );
  }
  const d = r.determination;
  const v = r.verdict;
  const where = [
    d.destination,
    d.tier ? `Tier ${d.tier}` : "",
    d.groups.length ? d.groups.join(", ") : "no listed group",
  ]
    .filter(Boolean)
    .join(" · ");
  const caveat = regimeCaveat(r.regime, asOf);
  return h(
    "li",
    {
      class: `card verdict-${v.kind}`,
      "aria-labelledby": `${key}-name`,
      "aria-describedby": `${key}-reason`,
      "data-regime": r.regime.id,
      "data-status": d.status,
    },
    head,
    h(
      "p",
      { class: "verdict" },
      h("span", { class: "verdict-icon", "aria-hidden": "true" }, v.icon),
      h("strong", {}, v.label)
    ),
    // The reason in one sentence, before any detail: the card answers "why" without expanding.
    h("p", { class: "reason", id: `${key}-reason` }, sentence(d.reason)),
    v.detail && v.kind !== "indeterminate" ? h("p", { class: "verdict-detail" }, v.detail) : null,
    caveat ? h("p", { class: "caveat" }, h("strong", {}, "Caveat: "), caveat) : null,
    h(
      "dl",
      { class: "facts" },
      fact("ECCN", d.eccn || "undetermined"),
      fact("Exception", d.exception ?? "none"),
      fact("Review policy", d.reviewPolicy ?? (d.status === "LICENSE" ? "not stated" : "none")),
      fact("H100-equivalents", formatNumber(d.h100Equivalents)),
      fact("Destination", where),
      fact("Confidence", confidence(d.confidence))
    ),
    steps(d, key)
  );
}

/** Whether the regimes agree on "is a licence required?", and on the route when they do. */
function agreement(outcome: CheckOutcome & { ok: true }): Child {
  if (outcome.differs)
    return h("strong", {}, "The regimes disagree on whether a license is required.");
  const first = outcome.results.find((r) => r.determination)?.determination;
  if (!first) return null;
  const answer =
    first.licenseRequired === null
      ? "the answer is open (indeterminate)"
      : first.licenseRequired
        ? "a license is required"
        : "no license is required";
  return outcome.routesDiffer
    ? `Under every regime ${answer}; the route differs (by License Exception under some).`
    : `Under every regime ${answer}.`;
}

/** The checker's answer: one card per regime, in the order of the regime list. */
export function renderResults(
  container: HTMLElement,
  outcome: CheckOutcome & { ok: true },
  chosen: RegimeId
): void {
  fill(
    container,
    h("h3", { id: "results-heading" }, shipmentTitle(outcome.shipment)),
    h("p", { class: "results-meta" }, `As of ${outcome.asOf}. `, agreement(outcome)),
    h(
      "ol",
      { class: "cards", "aria-labelledby": "results-heading" },
      outcome.results.map((r) => resultCard(r, chosen, outcome.asOf))
    ),
    h(
      "p",
      { class: "fineprint" },
      "Not checked: the parties (Entity List and other screening lists) and end uses (15 CFR 744). Not legal advice."
    )
  );
}

// ---------------------------------------------------------------------------------------------
// Provenance

export interface SourceInfo {
  cite: string;
  url?: string;
  what: string;
  confidence: Confidence;
}

export const CONFIDENCE_LEGEND: readonly [Confidence, string][] = [
  ["confirmed", "read in the regulation text itself (Federal Register or CFR)."],
  [
    "secondary",
    "taken from law-firm alerts, news or analyses that cite the rule; the primary text was not read.",
  ],
  [
    "unconfirmed",
    "no text we could read confirms it, or a single informal source; treat results that rest on it as provisional.",
  ],
];

export function renderProvenance(
  container: HTMLElement,
  data: { version: string; hash: string; sources: SourceInfo[] }
): void {
  fill(
    container,
    h(
      "dl",
      { class: "facts" },
      fact("Rules data version", h("code", {}, data.version)),
      fact("Content hash", h("code", { class: "hash" }, data.hash))
    ),
    h(
      "details",
      {},
      h("summary", {}, `Sources (${data.sources.length})`),
      h(
        "ul",
        { class: "sources" },
        data.sources.map((s) =>
          h(
            "li",
            {},
            s.url
              ? h("a", { href: s.url, target: "_blank", rel: "noopener noreferrer" }, s.cite)
              : h("span", {}, s.cite),
            h("span", { class: "source-what" }, s.what),
            " ",
            confidence(s.confidence)
          )
        )
      )
    ),
    h("h3", {}, "Confidence levels"),
    h(
      "dl",
      { class: "legend" },
      CONFIDENCE_LEGEND.map(([c, text]) => [h("dt", {}, confidence(c)), h("dd", {}, text)])
    )
  );
}

// ---------------------------------------------------------------------------------------------
// Datalists

export interface Suggestion {
  value: string;
  label: string;
}

/** Catalog names first, then aliases that differ from every name (case-insensitive). */
export function chipSuggestions(chips: readonly Chip[]): Suggestion[] {
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  const add = (value: string, label: string) => {
    const key = value.toLowerCase();
    if (!value || seen.has(key)) return;
    seen.add(key);
    out.push({ value, label });
  };
  for (const c of chips)
    add(c.name, `${c.vendor}${c.tpp !== null ? ` · TPP ${formatNumber(c.tpp, 0)}` : ""}`);
  for (const c of chips) for (const a of c.aliases) add(a, `${c.vendor} ${c.name}`);
  return out;
}

export function fillDatalist(list: HTMLDataListElement, options: Suggestion[]): void {
  fill(
    list,
    options.map((o) => h("option", { value: o.value, label: o.label }))
  );
}
