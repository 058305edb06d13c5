// The modules of dated rules data, by file name. Everything that walks the data for its dates reads
// this list: the decision eras (era.ts) and the change list (changes.ts, RULE_CHANGES). A new data
// file joins here; a test checks that every file of this folder with dated facts is listed.
import * as COUNTRY_GROUPS from "./country-groups";
import * as PARAMETERS from "./parameters";
import * as SECTION_232 from "./section-232";

export const DATED_DATA: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  parameters: PARAMETERS,
  "country-groups": COUNTRY_GROUPS,
  "section-232": SECTION_232,
};
