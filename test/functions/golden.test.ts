// Every golden case (test/golden/*.json), called through the same adapters Excel calls (in-process,
// scalars shaped as 1x1 ranges as Excel passes them to matrix parameters). Titled with goldenTitle:
// npm test counts each case once and reports this layer as "golden via functions".
import * as functions from "../../src/functions/functions";
import { resetSettings } from "../../src/settings/settings";
import { goldenTitle, loadCases, matches, seen } from "../support/cases";

const byId: Record<string, (...args: unknown[]) => unknown> = {
  TPP: functions.tpp,
  PERFORMANCE_DENSITY: functions.performanceDensity,
  H100_EQUIVALENT: functions.h100Equivalent,
  ECCN: functions.eccn,
  COUNTRY_TIER: functions.countryTier,
  COUNTRY_GROUPS: functions.countryGroups,
  REQUIRES_LICENSE: functions.requiresLicense,
  LICENSE_EXCEPTION: functions.licenseException,
  REVIEW_POLICY: functions.reviewPolicy,
  EXPLAIN: functions.explain,
  LPP_REMAINING: functions.lppRemaining,
  COUNTRY_ALLOCATION: functions.countryAllocation,
  MODEL_WEIGHTS_CONTROLLED: functions.modelWeightsControlled,
  CHIP_SPEC: functions.chipSpec,
  REGIME: functions.regime,
  REGIMES: functions.regimes,
  LEDGER: functions.ledger,
} as unknown as Record<string, (...args: unknown[]) => unknown>;

const asExcelPasses = (arg: unknown) => (arg === null || arg === undefined ? null : Array.isArray(arg) ? arg : [[arg]]);

beforeEach(() => resetSettings());

test.each(loadCases().map((c) => [goldenTitle(c, "functions"), c] as const))("%s", (_title, c) => {
  const fn = byId[c.fn];
  expect(fn).toBeDefined();
  const got = seen(fn(...c.args.map(asExcelPasses)));
  if (!matches(c.expect, got, c.tol)) {
    throw new Error(`${c.fn}(${JSON.stringify(c.args).slice(1, -1)}): got ${JSON.stringify(got)}, expected ${JSON.stringify(c.expect)}`);
  }
});
