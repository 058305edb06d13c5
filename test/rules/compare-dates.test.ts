// One shipment on two dates: the verdict change and its cause, named from the rules data's own
// dated facts (RULE_CHANGES rows).
import { compareDates, describeCauses } from "../../src/rules/compare-dates";
import { chip, shipment } from "./helpers";

test("H100 to Cambodia: denial before the D:5 exit, the exit named as the cause", () => {
  const c = compareDates(shipment(chip("H100"), "KH"), "enforced", "2025-10-20", "2025-12-01");
  expect(c.before.reviewPolicy).toBe("presumption of denial");
  expect(c.after.reviewPolicy).not.toBe("presumption of denial");
  expect(c.changed).toBe(true);
  // The ITAR 126.1 removal (a milestone) and the D:5 timeline entry it ends, both on that date.
  expect(new Set(c.causes.map((x) => x.date))).toEqual(new Set(["2025-11-07"]));
  expect(describeCauses(c.causes)).toMatch(/2025-11-07 Cambodia \(KH\) leaves Country Group D:5/);
});

test("either order of the dates gives the same cause", () => {
  const c = compareDates(shipment(chip("H100"), "KH"), "enforced", "2025-12-01", "2025-10-20");
  expect(c.changed).toBe(true);
  expect(new Set(c.causes.map((x) => x.date))).toEqual(new Set(["2025-11-07"]));
});

test("H100 to China across 2026-01-15: the case-by-case review is the cause, not the Section 232 duty", () => {
  const c = compareDates(shipment(chip("H100"), "CN"), "enforced", "2025-12-01", "2026-02-01");
  expect(c.changed).toBe(true);
  expect(c.causes.length).toBeGreaterThan(0);
  expect(c.causes.every((x) => x.date === "2026-01-15")).toBe(true);
  expect(c.causes.some((x) => /China\/Macau/.test(x.event))).toBe(true);
  expect(c.causes.some((x) => /Section 232/.test(x.event))).toBe(false);
});

test("unchanged verdicts have no causes", () => {
  const c = compareDates(shipment(chip("H100"), "DE"), "enforced", "2025-01-01", "2026-06-01");
  expect(c.changed).toBe(false);
  expect(c.causes).toEqual([]);
});
