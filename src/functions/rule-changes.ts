// RULE_CHANGES as a plain callable: the dated facts of the rules data between two dates, header
// first, with the central argument types. Loaded on the function's first call (functions.ts).
import { ruleChanges, yearBefore } from "../rules/changes";
import type { Country } from "../rules";
import { effectiveAsOf } from "../settings/settings";
import { Param, Types, optional, plainCell } from "./args";
import { Matrix, asMatrix, errorCell, guard } from "./broadcast";
import { ArgumentError, isExcelError } from "./errors";

export const RULE_CHANGES_HEADER = ["date", "event", "regimes affected", "citation", "confidence"];

/** One scalar argument of a table function: a single cell, coerced by its declared type, or the default. */
function scalar<T>(param: Param<T>, input: unknown): T {
  const m = asMatrix(input);
  if (m.length !== 1 || m[0].length !== 1)
    throw new ArgumentError("#VALUE!", `${param.name} must be a single cell, not a range`);
  const v = plainCell(m[0][0]);
  // The cell's own error passes through, as in every row-wise function (#N/A stays #N/A).
  if (isExcelError(v)) throw errorCell(param.name, v);
  if (param.type.blank(v)) return param.fallback!();
  return param.type.coerce(v, param.name);
}

const toParam = optional("to", Types.date, () => effectiveAsOf());
const countryParam = optional("country", Types.country, () => null as unknown as Country);

/** RULE_CHANGES([from], [to], [country]): the dated facts of the rules data in the window, header first. */
export function ruleChangesTable(from?: unknown, to?: unknown, country?: unknown): Matrix {
  const table = guard(() => {
    const end = scalar(toParam, to);
    const start = scalar(
      optional("from", Types.date, () => yearBefore(end)),
      from
    );
    if (start > end)
      throw new ArgumentError("#VALUE!", `from (${start}) must not be after to (${end})`);
    const where = scalar(countryParam, country);
    return [
      RULE_CHANGES_HEADER,
      ...ruleChanges(start, end, where).map((c) => [
        c.date,
        c.event,
        c.regimes,
        c.cite,
        c.confidence,
      ]),
    ];
  });
  return Array.isArray(table) ? table : [[table]];
}
