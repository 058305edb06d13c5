/* global process, require, setImmediate, NodeJS */
// `exportctl check <file.xlsx|file.csv>`: the EXPORTCTL functions over a shipments table, without
// Excel. The regime and as-of date are set the way the task pane sets them (updateSettings), and
// every column is a broadcast call of the same custom-function adapters a workbook calls.
import * as path from "path";
import { parseArgs } from "util";
import * as functions from "../functions/functions";
import { Types } from "../functions/args";
import { RULES_DATA_HASH, RULES_DATA_VERSION, listRegimes } from "../rules";
import type { RegimeId } from "../rules";
import { getSettings, localIsoDate, updateSettings } from "../settings/settings";
import { NumberFormat, setWorkbookFormat, workbookFormat } from "../settings/workbook-format";
import {
  AuditRecord,
  InputError,
  LoadedTable,
  defaultOutPath,
  formatOf,
  readTable,
  writeTable,
} from "./io";
import {
  CheckStats,
  FunctionCaller,
  OUTPUT_COLUMNS,
  checkShipments,
  describeMissing,
  matchHeaders,
} from "./shipments";
import { readScreeningFile } from "./screening-file";
import { screenCheckedRows } from "./screened-table";
import { setScreeningList, screeningList } from "../screening/store";
import type { ScreeningList } from "../screening/types";
import pkg from "../../package.json";

const PACKAGE_VERSION: string = pkg.version;

export const EXIT = { ok: 0, license: 1, usage: 2, failure: 3 } as const;

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface CliIO {
  stdout: Output;
  stderr: Output;
  /** Working directory for relative paths (default: process.cwd()). */
  cwd?: string;
  /** The clock, for the audit timestamp and "today" (tests fix it). */
  now?: () => Date;
}

export const USAGE = `Usage: exportctl check <shipments.xlsx|shipments.csv> [options]

Checks every row of a shipments table with the EXPORTCTL functions (the same code as the Excel
add-in) and writes the table back with the columns License required, Exception, Review policy,
H100 equivalents and Explanation, plus an audit record: an "Audit" sheet in an .xlsx, or
<out>.audit.csv next to a .csv.

The table needs a header row with Chip, Destination and Quantity; HQ (or End-user HQ), Consignee
and Date are optional; names are case-insensitive. In an .xlsx, the sheet named "Shipments" is
read, else the first sheet. Dates may be date cells or text like 2025-06-01. With a Consignee
column, allowances accumulate per consignee and calendar year in date order (LEDGER).

Options:
  --regime ID        enforced (default), baseline-2023, diffusion-2025 or proposal-500
  --as-of DATE       judge every row by the rules in force on DATE (e.g. 2025-06-01);
                     default: each row's Date, else today
  --out FILE         where to write (.xlsx or .csv; the extension picks the format);
                     default: <input>.checked.xlsx|csv next to the input
  --screen FILE      screen each row's Consignee against this Consolidated Screening List
                     file (CSV or JSON, downloaded from trade.gov): adds a Screening column;
                     an exact match on the Denied Persons, SDN, MEU or Entity List makes
                     the row need a licence, a close match makes it INDETERMINATE
  --screen-date DATE the list's date (default: the date in a JSON file, else the file's
                     modified date); recorded in the audit
  --fail-on-license  exit 1 when any row needs a licence, or cannot be decided
                     (INDETERMINATE or an input error in the row)
  --progress         always show the progress bar (stderr)
  --no-progress      never show it (default: shown for large tables)
  -h, --help         show this help
  -v, --version      show the version

Exit codes: 0 checked; 1 with --fail-on-license, some row needs a licence or is undecided;
2 usage or input error (nothing written); 3 unexpected failure.

Examples:
  npx exportctl check examples/shipments.xlsx
  npx exportctl check shipments.csv --regime diffusion-2025 --as-of 2025-06-01 --out checked.xlsx
  npx exportctl check orders.csv --fail-on-license || echo "licence needed"

Not legal advice. Parties are screened only with --screen, and a screening match is a lead for
due diligence, not a legal conclusion. End uses (15 CFR 744) are not checked.
`;

class UsageError extends Error {}

/** The custom functions by their Excel ids: the very adapters functions.json registers. */
const FUNCTIONS_BY_ID: Record<string, (...args: unknown[]) => unknown> = {
  REQUIRES_LICENSE: functions.requiresLicense as (...args: unknown[]) => unknown,
  LICENSE_EXCEPTION: functions.licenseException as (...args: unknown[]) => unknown,
  REVIEW_POLICY: functions.reviewPolicy as (...args: unknown[]) => unknown,
  H100_EQUIVALENT: functions.h100Equivalent as (...args: unknown[]) => unknown,
  EXPLAIN: functions.explain as (...args: unknown[]) => unknown,
  LEDGER: functions.ledger as (...args: unknown[]) => unknown,
};

export const callFunction: FunctionCaller = (id, ...args) => {
  const fn = FUNCTIONS_BY_ID[id];
  if (!fn) throw new Error(`no function ${id}`);
  return fn(...args) as unknown[][];
};

interface CheckCommand {
  input: string;
  out: string;
  regime: RegimeId | null;
  asOf: string | null;
  failOnLicense: boolean;
  progress: boolean | null;
  /** --screen: the screening list file, and its stated date. */
  screen: string | null;
  screenDate: string | null;
}

function parseCommand(argv: string[], cwd: string): CheckCommand | "help" | "version" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        regime: { type: "string" },
        "as-of": { type: "string" },
        out: { type: "string", short: "o" },
        "fail-on-license": { type: "boolean" },
        "fail-on-licence": { type: "boolean" },
        screen: { type: "string" },
        "screen-date": { type: "string" },
        progress: { type: "boolean" },
        "no-progress": { type: "boolean" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    });
  } catch (error) {
    throw new UsageError(
      (error as Error).message.replace(/\. To specify a positional argument.*$/s, ".")
    );
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === "help") return "help";
  if (values.version) return "version";
  if (positionals.length === 0) throw new UsageError("no command given.");
  const [command, ...rest] = positionals;
  if (command !== "check")
    throw new UsageError(`unknown command '${command}'; the command is 'check'.`);
  if (rest.length === 0)
    throw new UsageError("check needs a file: exportctl check <shipments.xlsx|shipments.csv>.");
  if (rest.length > 1)
    throw new UsageError(`check takes one file, got ${rest.length}: ${rest.join(" ")}.`);
  const input = path.resolve(cwd, rest[0]);
  if (!formatOf(input))
    throw new UsageError(`${rest[0]}: unsupported file type; use a .csv or .xlsx file.`);

  let regime: RegimeId | null = null;
  if (values.regime !== undefined) {
    try {
      regime = Types.regime.coerce(values.regime, "--regime");
    } catch (error) {
      throw new UsageError((error as Error).message + ".");
    }
  }
  let asOf: string | null = null;
  if (values["as-of"] !== undefined) {
    try {
      asOf = Types.date.coerce(values["as-of"], "--as-of");
    } catch (error) {
      throw new UsageError((error as Error).message + ".");
    }
  }
  const out = values.out ? path.resolve(cwd, values.out) : defaultOutPath(input);
  if (!formatOf(out))
    throw new UsageError(`--out ${values.out}: the output must be a .csv or .xlsx file.`);
  if (path.resolve(out) === path.resolve(input))
    throw new UsageError("--out must not be the input file: the input is never overwritten.");
  let screenDate: string | null = null;
  if (values["screen-date"] !== undefined) {
    if (values.screen === undefined) throw new UsageError("--screen-date needs --screen FILE.");
    try {
      screenDate = Types.date.coerce(values["screen-date"], "--screen-date");
    } catch (error) {
      throw new UsageError((error as Error).message + ".");
    }
  }
  if (values.progress && values["no-progress"])
    throw new UsageError("--progress and --no-progress contradict each other.");
  return {
    input,
    out,
    regime,
    asOf,
    failOnLicense: Boolean(values["fail-on-license"] || values["fail-on-licence"]),
    progress: values.progress ? true : values["no-progress"] ? false : null,
    screen: values.screen !== undefined ? path.resolve(cwd, values.screen) : null,
    screenDate,
  };
}

/** Tables at least this long show a progress bar on a terminal; twice... see `progressFor`. */
export const PROGRESS_TTY_ROWS = 2000;
export const PROGRESS_ANY_ROWS = 50000;

interface Progress {
  update(done: number, phase: string): Promise<void>;
  stop(): void;
}

function progressFor(io: CliIO, rows: number, forced: boolean | null): Progress | null {
  const tty = Boolean(io.stderr.isTTY);
  const show = forced ?? ((tty && rows >= PROGRESS_TTY_ROWS) || rows >= PROGRESS_ANY_ROWS);
  if (!show || rows === 0) return null;
  const { SingleBar } = require("cli-progress") as typeof import("cli-progress");
  const bar = new SingleBar({
    format: "exportctl {phase} |{bar}| {percentage}% | {rows} rows | ETA {eta_formatted}",
    stream: io.stderr as unknown as NodeJS.WritableStream,
    noTTYOutput: !tty,
    notTTYSchedule: 2000,
    clearOnComplete: tty,
    hideCursor: tty,
    barsize: 30,
    fps: 10,
  });
  // Checking is one half of the work, writing the other.
  bar.start(2 * rows, 0, { phase: "checking", rows: rows.toLocaleString("en-US") });
  return {
    async update(done, phase) {
      bar.update(Math.min(2 * rows, done), { phase });
      await new Promise((r) => setImmediate(r)); // let the bar render
    },
    stop: () => bar.stop(),
  };
}

function regimeLabel(id: RegimeId): string {
  const info = listRegimes().find((r) => r.id === id);
  return info ? `${id} (${info.name}; ${info.status})` : id;
}

export function buildAudit(opts: {
  input: string;
  out: string;
  sheet?: string;
  regime: RegimeId;
  regimeChosen: boolean;
  asOf: string;
  asOfChosen: boolean;
  hasDates: boolean;
  replacedFormulas: number;
  stats: CheckStats;
  timestamp: Date;
  seconds: number;
}): AuditRecord {
  const { stats } = opts;
  const asOf = opts.asOfChosen
    ? `${opts.asOf} (--as-of, applied to every row)`
    : opts.hasDates
      ? `each row's Date; rows without a date: ${opts.asOf} (today)`
      : `${opts.asOf} (today)`;
  return [
    ["Tool", `EXPORTCTL command line ${PACKAGE_VERSION} (exportctl check)`],
    ["Input file", path.basename(opts.input)],
    ...(opts.sheet ? ([["Sheet", opts.sheet]] as AuditRecord) : []),
    ["Output file", path.basename(opts.out)],
    ["Regime", `${regimeLabel(opts.regime)}${opts.regimeChosen ? " (--regime)" : " (default)"}`],
    ["As-of date", asOf],
    ["Rules data version", RULES_DATA_VERSION],
    ["Rules data hash", RULES_DATA_HASH],
    ["Rows", stats.rows],
    ["Licences required", stats.licences],
    ["No licence required", stats.noLicence],
    ["Indeterminate", stats.indeterminate],
    ["Rows with input errors", stats.errors],
    ["Blank rows", stats.blank],
    [
      "Allowances",
      stats.ledger
        ? `accumulated per consignee and calendar year in date order (LEDGER); rows differing from LEDGER: ${stats.ledgerDifferences}`
        : "each row on its own (no Consignee column)",
    ],
    [
      "Columns written",
      OUTPUT_COLUMNS.join(", ") +
        " (values)" +
        (opts.replacedFormulas
          ? `; ${opts.replacedFormulas} formula cells in them replaced by the checked values`
          : ""),
    ],
    ["Checked at", opts.timestamp.toISOString()],
    ["Duration (s)", Number(opts.seconds.toFixed(3))],
    [
      "Not checked",
      "Parties (Entity List and other screening lists) and end uses (15 CFR 744): screen them yourself. Not legal advice.",
    ],
  ];
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2) + " s";
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(
  argv: string[],
  io: CliIO = { stdout: process.stdout, stderr: process.stderr }
): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const now = io.now ?? (() => new Date());
  let command: ReturnType<typeof parseCommand>;
  try {
    command = parseCommand(argv, cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr.write(`exportctl: ${error.message}\nRun 'exportctl --help' for usage.\n`);
    return EXIT.usage;
  }
  if (command === "help") {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  if (command === "version") {
    io.stdout.write(
      `exportctl ${PACKAGE_VERSION} (rules data ${RULES_DATA_VERSION}, ${RULES_DATA_HASH})\n`
    );
    return EXIT.ok;
  }

  const started = Date.now();
  const saved = getSettings();
  const savedList = screeningList();
  const savedFormat = workbookFormat().numberFormat;
  // A bad row is an error value, made by constructing an Error: with tens of thousands of bad
  // rows, capturing their stack traces (never shown) would cost more than the check itself.
  const stackTraceLimit = Error.stackTraceLimit;
  const today = localIsoDate(now());
  let progress: Progress | null = null;
  try {
    let table: LoadedTable;
    try {
      table = await readTable(command.input);
    } catch (error) {
      if (error instanceof InputError) {
        io.stderr.write(`exportctl: ${error.message}\n`);
        return EXIT.usage;
      }
      throw error;
    }
    const match = matchHeaders(table.headers);
    if (match.missing.length) {
      io.stderr.write(
        `exportctl: ${path.basename(command.input)}: ${describeMissing(match, table.headers)}\n`
      );
      return EXIT.usage;
    }
    let list: ScreeningList | null = null;
    if (command.screen && match.roles.consignee === undefined) {
      io.stderr.write(
        `exportctl: --screen: ${path.basename(command.input)} has no Consignee column (Consignee, Ultimate consignee, End user or Customer): there is no party to screen.\n`
      );
      return EXIT.usage;
    }
    if (command.screen) {
      const loaded = await readScreeningFile(command.screen, command.screenDate);
      if (typeof loaded === "string") {
        io.stderr.write(`exportctl: ${loaded}\n`);
        return EXIT.usage;
      }
      list = loaded;
      setScreeningList(list);
    }
    const readDone = Date.now();

    // As the task pane does: the workbook's regime and as-of date, which formulas without those
    // arguments follow.
    updateSettings({ regime: command.regime, asOf: command.asOf ?? today });
    // Numbers typed as text follow the file's own convention, as in Excel they follow the
    // workbook's: a comma-separated file comes from a locale with a decimal point and comma
    // groups, a semicolon-separated one from a locale with a decimal comma. Otherwise unknown.
    setWorkbookFormat({ numberFormat: csvNumberFormat(table) });
    Error.stackTraceLimit = 0;
    const rows = table.data.length;
    progress = progressFor(io, rows, command.progress);
    const result = await checkShipments(
      callFunction,
      table.data,
      match.roles,
      {
        useDates: command.asOf === null,
        onProgress: progress ? (done) => progress!.update(done, "checking") : undefined,
      },
      () => command.asOf ?? today
    );
    const screening = list
      ? screenCheckedRows(list, result, table.data, match.roles.consignee)
      : null;
    Error.stackTraceLimit = stackTraceLimit;
    const checkDone = Date.now();
    const regime = command.regime ?? (functions.regime() as RegimeId);
    const audit = buildAudit({
      input: command.input,
      out: command.out,
      sheet: table.sheetName,
      regime,
      regimeChosen: command.regime !== null,
      asOf: command.asOf ?? today,
      asOfChosen: command.asOf !== null,
      hasDates: match.roles.date !== undefined,
      replacedFormulas: table.outputFormulas,
      stats: result.stats,
      timestamp: now(),
      seconds: (checkDone - started) / 1000,
    });
    if (screening) {
      const notChecked = audit.findIndex((row) => row[0] === "Not checked");
      if (notChecked >= 0)
        audit[notChecked] = [
          "Not checked",
          "End uses (15 CFR 744). Parties: each Consignee was screened against the list below only. Not legal advice.",
        ];
      audit.push(...screening.audit);
    }
    let written: string[];
    try {
      written = await writeTable(table, result.values, command.out, audit, {
        extraColumns: screening ? [screening.column] : [],
        onProgress: progress ? (done) => progress!.update(rows + done, "writing") : undefined,
      });
    } catch (error) {
      if (progress) progress.stop();
      progress = null;
      const e = error as NodeJS.ErrnoException;
      io.stderr.write(
        `exportctl: could not write ${command.out}: ${e.code ? e.code + " " : ""}${e.message}\n`
      );
      return EXIT.failure;
    }
    if (progress) progress.stop();
    progress = null;
    const done = Date.now();
    const s = result.stats;
    const rel = (f: string) => {
      const r = path.relative(cwd, f);
      return r && !r.startsWith("..") && !path.isAbsolute(r) ? r : f;
    };
    const lines = [
      `exportctl: checked ${s.rows.toLocaleString("en-US")} rows of ${rel(command.input)}${table.sheetName ? ` (sheet "${table.sheetName}")` : ""} under ${regime}, ` +
        `as of ${command.asOf ?? (match.roles.date !== undefined ? `each row's Date (else ${today})` : today)}`,
      `  rows: ${s.rows}   licences needed: ${s.licences}   no licence: ${s.noLicence}   indeterminate: ${s.indeterminate}   errors: ${s.errors}` +
        (s.blank ? `   blank: ${s.blank}` : ""),
      ...(screening ? [`  ${screening.summary}`] : []),
      ...s.problems.slice(0, 5).map((p) => `  row ${table.headerRow + 2 + p.row}: ${p.message}`),
      ...(s.errors > 5
        ? [`  ... and ${s.errors - 5} more rows with errors (see the License required column)`]
        : []),
      `  time: ${seconds(done - started)} (read ${seconds(readDone - started)}, check ${seconds(checkDone - readDone)}, write ${seconds(done - checkDone)})`,
      ...(table.outputFormulas
        ? [
            `  note: ${table.outputFormulas} formula cells in the checked columns were replaced by the checked values`,
          ]
        : []),
      `  wrote ${written.map(rel).join(" and ")}`,
    ];
    io.stderr.write(lines.join("\n") + "\n");
    if (command.failOnLicense && s.licences + s.indeterminate + s.errors > 0) {
      io.stderr.write(
        `exportctl: --fail-on-license: ${s.licences} row(s) need a licence` +
          (s.indeterminate + s.errors ? `, ${s.indeterminate + s.errors} cannot be decided` : "") +
          ".\n"
      );
      return EXIT.license;
    }
    return EXIT.ok;
  } catch (error) {
    if (progress) progress.stop();
    const e = error as Error;
    io.stderr.write(`exportctl: unexpected failure: ${e && e.stack ? e.stack : String(e)}\n`);
    return EXIT.failure;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
    updateSettings({ regime: saved.regime, asOf: saved.asOf });
    setScreeningList(savedList);
    setWorkbookFormat({ numberFormat: savedFormat });
  }
}

function csvNumberFormat(table: LoadedTable): NumberFormat | null {
  if (table.format !== "csv") return null;
  if (table.delimiter === ",") return { decimalSeparator: ".", groupSeparator: "," };
  if (table.delimiter === ";") return { decimalSeparator: ",", groupSeparator: "." };
  return null;
}
