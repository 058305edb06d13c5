// Every module of dated rules data, by file name: what RULE_CHANGES lists (changes.ts) and what the
// pane's sources are drawn from (sources.ts). The ones the determinations read are in
// decision-data.ts (the decision eras); the Section 232 terms are read only by SECTION_232_DUTY;
// the milestones come with what each did (milestone-events.ts, outside the functions bundle). A
// test checks that every dated file of this folder is listed.
import { ruleParts } from "../index";
import { MILESTONE_EVENTS } from "./milestone-events";
import type { Milestone } from "./milestones";
import * as SECTION_232_TERMS from "./section-232-terms";

const decided = ruleParts.DECISION_DATA as typeof ruleParts.DECISION_DATA & {
  milestones: { EFFECTIVE: Readonly<Record<string, Milestone>> };
};
const events: Readonly<Record<string, string>> = MILESTONE_EVENTS;

/** The milestones, each with its `what`: its own, or the sentence of milestone-events.ts. */
const EFFECTIVE: Readonly<Record<string, Milestone>> = Object.fromEntries(
  Object.entries(decided.milestones.EFFECTIVE).map(([k, m]) => [
    k,
    m.what === undefined ? { ...m, what: events[k] } : m,
  ])
);

export const DATED_DATA: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  ...decided,
  milestones: { ...decided.milestones, EFFECTIVE },
  "section-232-terms": SECTION_232_TERMS,
};
