// Every module of dated rules data, by file name: what RULE_CHANGES lists (changes.ts). The ones
// the determinations read are in decision-data.ts (the decision eras); the Section 232 terms are
// read only by SECTION_232_DUTY. A test checks that every dated file of this folder is listed.
import { ruleParts } from "../index";
import * as SECTION_232_TERMS from "./section-232-terms";

export const DATED_DATA: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  ...ruleParts.DECISION_DATA,
  "section-232-terms": SECTION_232_TERMS,
};
