// Words shared by the pane and the workbench: reasons as sentences, caveats for fixed regimes.
import { listRegimes } from "../../src/rules/pane-api";
import { regimeCaveat, sentence } from "../../src/taskpane/verdict";

test("a reason reads as a sentence", () => {
  expect(sentence("the UAE is in A:5")).toBe("The UAE is in A:5.");
  expect(sentence("Done.")).toBe("Done.");
  expect(sentence("see 15 CFR 744 (scope)")).toBe("See 15 CFR 744 (scope)");
  expect(sentence("  ")).toBe("");
});

test("a fixed regime says when it is applied to a date it was not in force on; 'enforced' never needs to", () => {
  for (const r of listRegimes()) {
    if (r.id === "enforced") {
      expect(regimeCaveat(r, "2020-01-01")).toBeNull();
      continue;
    }
    if (r.effectiveFrom === null) {
      expect(regimeCaveat(r, "2025-06-01")).toMatch(/Never in force/);
      continue;
    }
    expect(regimeCaveat(r, r.effectiveFrom)).toBeNull();
    const before = `${Number(r.effectiveFrom.slice(0, 4)) - 1}${r.effectiveFrom.slice(4)}`;
    expect(regimeCaveat(r, before)).toContain(`Not yet in force on ${before} (from ${r.effectiveFrom})`);
  }
  const ended = { id: "x", name: "X", effectiveFrom: "2024-01-01", effectiveTo: "2024-12-31" };
  expect(regimeCaveat(ended, "2025-01-01")).toContain("No longer in force on 2025-01-01 (until 2024-12-31)");
});
