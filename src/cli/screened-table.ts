// A checked shipment table screened by consignee, for the batch command and the workbench: the
// Screening column, the verdicts it changes (src/screening/table.ts decides), the recounted
// statistics and the audit lines. No node or DOM APIs.
import { excelError, isExcelError } from "../functions/errors";
import { applyScreening, screenRows } from "../screening";
import type { ScreeningList } from "../screening";
import type { Cell, CheckResult } from "./shipments";

export { SCREENING_COLUMN } from "../screening/types";
import { SCREENING_COLUMN } from "../screening/types";

export interface TableScreening {
  column: string;
  audit: [string, Cell][];
  summary: string;
}

/**
 * Screens each row's consignee, adds the Screening column to result.values, applies the verdict
 * rules and recounts the verdicts in result.stats.
 */
export function screenCheckedRows(
  list: ScreeningList,
  result: CheckResult,
  rows: readonly (readonly Cell[])[],
  consigneeColumn: number | undefined
): TableScreening {
  const n = result.values.length;
  const parties = consigneeColumn === undefined ? null : rows.map((r) => r[consigneeColumn]);
  const screened = screenRows(list, parties, n);
  const counts = { LICENSE: 0, INDETERMINATE: 0, NOTE: 0, CLEAR: 0 };
  const stats = result.stats;
  for (let i = 0; i < n; i++) {
    const before = result.values[i][0];
    const line = applyScreening(result.values[i], screened[i], (m) => excelError("#N/A", m));
    line.push(screened[i].cell);
    result.values[i] = line;
    const o = screened[i].outcome;
    if (o && line[0] !== "") counts[o.status]++;
    const after = line[0];
    if (before === after) continue;
    if (before === false) stats.noLicence--;
    if (after === true) stats.licences++;
    else if (isExcelError(after)) stats.indeterminate++;
  }
  const summary =
    `screening: ${list.fileName}, list of ${list.date}, ${list.entries.length} entries: ` +
    (parties
      ? `${counts.LICENSE} exact match(es) needing a licence, ${counts.INDETERMINATE} to review, ${counts.NOTE} Unverified List note(s)`
      : "the table has no Consignee column, so no party was screened");
  return {
    column: SCREENING_COLUMN,
    summary,
    audit: [
      [
        "Screening list",
        `${list.fileName} (${list.format.toUpperCase()}), ${list.entries.length} entries`,
      ],
      [
        "Screening list date",
        `${list.date} (${list.dateSource === "stated" ? "--screen-date" : list.dateSource === "file" ? "from the file" : "the file's modified date"})`,
      ],
      ["Screening list SHA-256", list.sha256],
      [
        "Screening",
        parties
          ? `each row's Consignee, min score 90, no country narrowing; exact matches needing a licence: ${counts.LICENSE}; to review: ${counts.INDETERMINATE}; Unverified List notes: ${counts.NOTE}. A match is a lead for due diligence, not a legal conclusion.`
          : "not done: the table has no Consignee column",
      ],
    ],
  };
}
