// The modules of dated data the determinations read (EXPLAIN included): their dates bound the
// decision eras (era.ts). A new data file the regimes read joins here; every dated data file,
// these and those only SECTION_232_DUTY reads, is in registry.ts (RULE_CHANGES).
import * as COUNTRY_GROUPS from "./country-groups";
import * as MILESTONES from "./milestones";
import * as PARAMETERS from "./parameters";
import * as PART_746_SPECIAL from "./part-746-special";
import * as SECTION_232 from "./section-232";

export const DECISION_DATA: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  milestones: MILESTONES,
  parameters: PARAMETERS,
  "country-groups": COUNTRY_GROUPS,
  "part-746-special": PART_746_SPECIAL,
  "section-232": SECTION_232,
};
