// A checked shipment table screened by consignee, for the batch command and the workbench: the
// Screening column, the verdicts it changes (src/screening/table.ts decides), the recounted
// statistics and the audit lines. Block by block, so the command screens as it streams. No node
// or DOM APIs.
import { excelError, isExcelError } from "../functions/errors";
import { applyScreening, screenRows } from "../screening";
import type { ScreeningList } from "../screening";
import { SCREENING_COLUMN } from "../screening/types";
import type { Cell } from "./cells";
import type { CheckResult } from "./check";

export { SCREENING_COLUMN };

export interface TableScreening {
  column: string;
  audit: [string, Cell][];
  summary: string;
}

/** Screens the consignee of each checked row, block after block, and keeps the counts. */
export class TableScreener {
  readonly column = SCREENING_COLUMN;
  private readonly counts = { LICENSE: 0, INDETERMINATE: 0, NOTE: 0, CLEAR: 0 };

  constructor(
    readonly list: ScreeningList,
    readonly consigneeColumn: number | undefined
  ) {}

  /**
   * Adds the Screening cell to each line of `result.values` (rows are the block's input rows),
   * applies the verdict rules (an exact Entity/DPL/SDN/MEU match needs a licence, a close one is
   * INDETERMINATE) and recounts the verdicts in result.stats.
   */
  screen(result: CheckResult, rows: readonly (readonly Cell[])[]): void {
    const n = result.values.length;
    const col = this.consigneeColumn;
    const parties = col === undefined ? null : rows.slice(0, n).map((r) => r[col]);
    const screened = screenRows(this.list, parties, n);
    const stats = result.stats;
    for (let i = 0; i < n; i++) {
      const before = result.values[i][0];
      const line = applyScreening(result.values[i], screened[i], (m) => excelError("#N/A", m));
      line.push(screened[i].cell);
      result.values[i] = line;
      const o = screened[i].outcome;
      if (o && line[0] !== "") this.counts[o.status]++;
      const after = line[0];
      if (before === after) continue;
      if (before === false) stats.noLicence--;
      if (after === true) stats.licences++;
      else if (isExcelError(after)) stats.indeterminate++;
    }
  }

  /** One line for the command's summary. */
  get summary(): string {
    const { list, counts } = this;
    return (
      `screening: ${list.fileName}, list of ${list.date}, ${list.entries.length} entries: ` +
      (this.consigneeColumn !== undefined
        ? `${counts.LICENSE} exact match(es) needing a licence, ${counts.INDETERMINATE} to review, ${counts.NOTE} Unverified List note(s)`
        : "the table has no Consignee column, so no party was screened")
    );
  }

  /** The audit record's lines: which list, its date and hash, and what was found. */
  get audit(): [string, Cell][] {
    const { list, counts } = this;
    return [
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
        this.consigneeColumn !== undefined
          ? `each row's Consignee, min score 90, no country narrowing; exact matches needing a licence: ${counts.LICENSE}; to review: ${counts.INDETERMINATE}; Unverified List notes: ${counts.NOTE}. A match is a lead for due diligence, not a legal conclusion.`
          : "not done: the table has no Consignee column",
      ],
    ];
  }
}

/** The whole table at once (the workbench): screens, and returns the column, summary and audit. */
export function screenCheckedRows(
  list: ScreeningList,
  result: CheckResult,
  rows: readonly (readonly Cell[])[],
  consigneeColumn: number | undefined
): TableScreening {
  const screener = new TableScreener(list, consigneeColumn);
  screener.screen(result, rows);
  return { column: screener.column, summary: screener.summary, audit: screener.audit };
}
