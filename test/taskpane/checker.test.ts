// The pane's checker: form text in, one determination per regime out; bad input reported per field
// with the resolver's "did you mean".
import { listRegimes } from "../../src/rules/pane-api";
import { CheckInput, checkShipment, parseCheckInput } from "../../src/taskpane/checker";
import { verdictOf, verdictText } from "../../src/taskpane/verdict";
import { resetWorkbookFormat, setWorkbookFormat } from "../../src/settings/workbook-format";

const input = (patch: Partial<CheckInput> = {}): CheckInput => ({ chip: "H100", destination: "IN", quantity: "1700", endUserHq: "", priorTpp: "", ...patch });

test("a valid shipment gets a result under each of the four regimes, in the regime list's order", () => {
  const outcome = checkShipment(input(), "2025-06-01");
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
  expect(outcome.results.map((r) => r.regime.id)).toEqual(listRegimes().map((r) => r.id));
  expect(outcome.results).toHaveLength(4);
  for (const r of outcome.results) {
    expect(r.determination).not.toBeNull();
    expect(r.verdict!.label.length).toBeGreaterThan(0);
    expect(r.explanation.length).toBeGreaterThan(0);
    expect(r.determination!.asOf).toBe("2025-06-01");
  }
  const byId = Object.fromEntries(outcome.results.map((r) => [r.regime.id, r.determination!]));
  // 1,700 H100s = 26,914,400 TPP: over the 26,900,000 LPP allowance as written, no licence as enforced.
  expect(byId["enforced"].licenseRequired).toBe(false);
  expect(byId["diffusion-2025"].licenseRequired).toBe(true);
  expect(outcome.differs).toBe(true);
  expect(outcome.shipment.quantity).toBe(1700);
});

test("names, aliases, codes and the workbook's thousands separators are accepted", () => {
  setWorkbookFormat({ numberFormat: { decimalSeparator: ".", groupSeparator: "," } }); // en-US, read from Excel
  const outcome = checkShipment(input({ chip: "nvidia h100", destination: "India", quantity: "1,699", endUserHq: "Germany", priorTpp: "15,832,000" }), "2025-06-01");
  expect(outcome.ok).toBe(true);
  if (!outcome.ok) return;
  expect(outcome.shipment.destination.code).toBe("IN");
  expect(outcome.shipment.endUserHq!.code).toBe("DE");
  expect(outcome.shipment.quantity).toBe(1699);
  expect(outcome.shipment.priorTpp).toBe(15832000);
  resetWorkbookFormat();
  // Without the workbook's number format, "1,699" could be 1.699 or 1699: refused, not guessed.
  const unknown = checkShipment(input({ quantity: "1,699" }), "2025-06-01");
  expect(unknown.ok).toBe(false);
});

test("an unknown chip is reported against the chip field with the resolver's suggestion", () => {
  const outcome = checkShipment(input({ chip: "H1OO" }), "2025-06-01");
  expect(outcome.ok).toBe(false);
  if (outcome.ok) return;
  expect(outcome.errors).toHaveLength(1);
  expect(outcome.errors[0].field).toBe("chip");
  expect(outcome.errors[0].message).toMatch(/Unknown chip 'H1OO'/);
  expect(outcome.errors[0].suggestions).toContain("H100");
});

test("every bad field is reported at once", () => {
  const r = parseCheckInput(input({ chip: "", destination: "Indai", quantity: "-5", endUserHq: "Nowhereland", priorTpp: "lots" }));
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.errors.map((e) => e.field).sort()).toEqual(["chip", "destination", "endUserHq", "priorTpp", "quantity"]);
  expect(r.errors.find((e) => e.field === "quantity")!.message).toBe("quantity must be a whole number >= 0, got '-5'");
  expect(r.errors.find((e) => e.field === "destination")!.suggestions).toContain("India");
});

test("blank optional fields take their defaults", () => {
  const r = parseCheckInput(input({ quantity: " ", endUserHq: "", priorTpp: "" }));
  expect(r.ok).toBe(true);
  if (!r.ok) return;
  expect(r.shipment.quantity).toBe(1);
  expect(r.shipment.priorTpp).toBe(0);
  expect(r.shipment.endUserHq!.code).toBe("IN");
});

test("verdicts are words, not colours", () => {
  const outcome = checkShipment(input({ chip: "H20", destination: "Iran", quantity: "1" }), "2025-06-01");
  if (!outcome.ok) throw new Error("expected ok");
  for (const r of outcome.results) {
    // Iran is embargoed: a licence in every regime, whatever the chip (15 CFR 746).
    expect(r.determination!.status).toBe("LICENSE");
    expect(verdictOf(r.determination!).label).toBe("License required");
    expect(verdictText(r.determination!)).toMatch(/^License required/);
  }
  expect(outcome.differs).toBe(false);
});

test("regimes agree when they give the same licence answer, even by different routes", () => {
  for (const destination of ["DE", "IN", "CN", "AE"]) {
    const outcome = checkShipment(input({ destination, quantity: "10" }), "2025-06-01");
    if (!outcome.ok) throw new Error("expected ok");
    const ds = outcome.results.map((r) => r.determination!);
    expect(outcome.differs).toBe(new Set(ds.map((d) => d.licenseRequired)).size > 1);
    expect(outcome.routesDiffer).toBe(new Set(ds.map((d) => `${d.status}|${d.exception}`)).size > 1);
  }
  // Germany, Tier 1: no licence everywhere, by License Exception AIA under the Diffusion text.
  const de = checkShipment(input({ destination: "DE", quantity: "10" }), "2025-06-01");
  if (!de.ok) throw new Error("expected ok");
  expect(de.results.every((r) => r.determination!.licenseRequired === false)).toBe(true);
  expect(de.differs).toBe(false);
  expect(de.routesDiffer).toBe(true);
});

test("Ship from: blank is an export from the US; another country is a reexport and changes the China review", () => {
  const from = (shipFrom: string | undefined) => {
    const outcome = checkShipment(input({ chip: "H200", destination: "CN", quantity: "100", shipFrom }), "2026-03-01");
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    return outcome.results.find((r) => r.regime.id === "enforced")!.determination!;
  };
  expect(from(undefined).reviewPolicy).toBe("case-by-case");
  expect(from("  ").reviewPolicy).toBe("case-by-case");
  expect(from("Taiwan")).toMatchObject({ reviewPolicy: "presumption of denial", shipFrom: "TW" });
  const bad = parseCheckInput(input({ shipFrom: "Atlantis" }));
  expect(bad.ok).toBe(false);
  if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(["shipFrom"]);
});
