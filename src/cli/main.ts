/* global process, require, setImmediate, NodeJS */
// `exportctl check <file.xlsx|file.csv>`: the EXPORTCTL functions over a shipments table, without
// Excel. The regime and as-of date are set the way the task pane sets them (updateSettings), and
// every column is a broadcast call of the same custom-function adapters a workbook calls.
import * as path from "path";
import * as v8 from "v8";
import * as vm from "vm";
import { parseArgs } from "util";
import * as functions from "../functions/functions";
import { Types } from "../functions/args";
import { ledgerTotals, shipmentColumns } from "../functions/batch";
import { RULES_DATA_HASH, RULES_DATA_VERSION } from "../rules";
import { listRegimes } from "../rules/pane-api";
import type { RegimeId } from "../rules";
import { getSettings, localIsoDate, updateSettings } from "../settings/settings";
import { setWorkbookFormat, workbookFormat } from "../settings/workbook-format";
import {
  AuditRecord,
  BLOCK_ROWS,
  InputError,
  LedgerCells,
  LoadedTable,
  auditPath,
  checkAndWrite,
  defaultOutPath,
  formatOf,
  readTable,
} from "./io";
import { refuseOverwrite } from "./files";
import { CheckPool, workerCount } from "./pool";
import {
  Cell,
  CheckStats,
  FunctionCaller,
  LedgerSummary,
  NumberLocale,
  OUTPUT_COLUMNS,
  addStats,
  checkShipments,
  describeFolded,
  describeMissing,
  emptyStats,
  ledgerOf,
  localeLabel,
  matchHeaders,
  numberLocale,
} from "../shipments";
import { compareDatesPath, writeDateComparison } from "./compare-dates";
import { readScreeningFile } from "./screening-file";
import { TableScreener } from "../shipments/screening";
import { setScreeningList, screeningList } from "../screening/store";
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
  --locale TAG       read text numbers and dates the way this locale writes them (e.g. en-US,
                     de-DE, en-GB); without it: ISO dates (2025-06-01), Excel date serials and
                     numbers without group separators only; a value that reads two ways
                     ("2.000", "6/1/2025") is that row's error
  --no-explanation   leave the Explanation cells empty (faster on very large tables)
  --regime ID        enforced (default), baseline-2023, diffusion-2025 or proposal-500
  --as-of DATE       judge every row by the rules in force on DATE (e.g. 2025-06-01);
                     default: each row's Date, else today
  --compare-as-of DATE
                     also judge the table as of DATE, against --as-of (else today), each
                     row's Date set aside; writes <out>.compare-dates.csv with both verdicts,
                     the rows that changed and the rule change behind each (RULE_CHANGES)
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

Exit codes: 0 checked; 1 with --fail-on-license, some row needs a licence or could not be
checked; 2 bad arguments or input, an unreadable file included (nothing written); 3 a failure
while writing, or an unexpected one (the previous output, if any, is left as it was).

Files: the input is never overwritten (an --out that is the input, a link to it or the same name
in another case is refused); outputs are written to a temporary file and renamed into place;
title rows, cells beside the table, blank rows and a UTF-8 byte order mark are kept; CSV cells
that a spreadsheet would run as formulas (=, +, -, @) are written with a leading apostrophe.
An .xlsx that expands past its limits (a zip bomb, or more than about a million cells) is
refused with a message: save such a sheet as CSV, which streams.

Examples:
  npx exportctl check examples/shipments.xlsx
  npx exportctl check shipments.csv --regime diffusion-2025 --as-of 2025-06-01 --out checked.xlsx
  npx exportctl check orders.csv --fail-on-license || echo "licence needed"

Not legal advice. Parties are screened only with --screen, and a screening match is a lead for
due diligence, not a legal conclusion. End uses (15 CFR 744) are not checked.
`;

class UsageError extends Error {}

/**
 * A full garbage collection, when V8 allows one to be asked for (node's --expose-gc, here set
 * for a fresh context: the command is one process that runs to its end). Does nothing otherwise.
 */
function collectGarbage(): void {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as (() => void) | undefined;
    if (typeof gc === "function") gc();
  } catch {
    // no collection: only memory is at stake, not the answer
  }
}

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
  compareAsOf: string | null;
  failOnLicense: boolean;
  progress: boolean | null;
  locale: NumberLocale | null;
  explanations: boolean;
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
        locale: { type: "string" },
        "no-explanation": { type: "boolean" },
        "as-of": { type: "string" },
        "compare-as-of": { type: "string" },
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
  let compareAsOf: string | null = null;
  if (values["compare-as-of"] !== undefined) {
    try {
      compareAsOf = Types.date.coerce(values["compare-as-of"], "--compare-as-of");
    } catch (error) {
      throw new UsageError((error as Error).message + ".");
    }
  }
  const out = values.out ? path.resolve(cwd, values.out) : defaultOutPath(input);
  if (!formatOf(out))
    throw new UsageError(`--out ${values.out}: the output must be a .csv or .xlsx file.`);
  try {
    refuseOverwrite(input, out);
    if (formatOf(out) === "csv") refuseOverwrite(input, auditPath(out), "the audit file of --out");
    if (compareAsOf !== null)
      refuseOverwrite(input, compareDatesPath(out), "the date comparison of --out");
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  let locale: NumberLocale | null = null;
  if (values.locale !== undefined) {
    locale = numberLocale(values.locale);
    if (!locale)
      throw new UsageError(
        `--locale ${values.locale}: not a locale this system knows; use a BCP 47 tag such as en-US, de-DE or fr-FR.`
      );
  }
  // The date comparison shows what the rules changed, unscreened: beside screened verdicts it would
  // read "No license required" for a party the screening found.
  if (compareAsOf !== null && values.screen !== undefined)
    throw new UsageError(
      "--compare-as-of compares the rules between two dates without screening parties; run --screen and --compare-as-of separately."
    );
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
    compareAsOf,
    failOnLicense: Boolean(values["fail-on-license"] || values["fail-on-licence"]),
    progress: values.progress ? true : values["no-progress"] ? false : null,
    locale,
    explanations: !values["no-explanation"],
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
  // Rows are read, checked and written a block at a time.
  bar.start(rows, 0, { phase: "checking", rows: rows.toLocaleString("en-US") });
  return {
    async update(done, phase) {
      bar.update(Math.min(rows, done), { phase });
      await new Promise((r) => setImmediate(r)); // let the bar render
    },
    stop: () => bar.stop(),
  };
}

function regimeLabel(id: RegimeId): string {
  const info = listRegimes().find((r) => r.id === id);
  return info ? `${id} (${info.name}; ${info.status})` : id;
}

/**
 * Text from a file or an error, safe for a terminal: control characters (escape sequences that
 * could rewrite the screen, carriage returns that could overwrite a line) shown as \xNN.
 */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (c) =>
    c === "\t" ? " " : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`
  );
}
// C0 and C1 controls except the line feed, DEL, and the bidirectional overrides and isolates.
/* eslint-disable no-control-regex */
const CONTROL_CHARACTERS = new RegExp(
  "[\\u0000-\\u0009\\u000b-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069]",
  "g"
);
/* eslint-enable no-control-regex */

export function buildAudit(opts: {
  input: string;
  out: string;
  sheet?: string;
  regime: RegimeId;
  regimeChosen: boolean;
  asOf: string;
  asOfChosen: boolean;
  hasDates: boolean;
  hasShipFrom: boolean;
  replacedFormulas: number;
  stats: CheckStats;
  timestamp: Date;
  seconds: number;
  locale: NumberLocale | null;
  localeChosen: boolean;
  explanations: boolean;
  warnings: string[];
  /** The consignee keys spellings folded into (LEDGER's allowances), when a ledger ran. */
  folded?: LedgerSummary["folded"];
}): AuditRecord {
  const { stats } = opts;
  const asOf = opts.asOfChosen
    ? `${opts.asOf} (--as-of, applied to every row)`
    : opts.hasDates
      ? `each row's Date; rows without a date: ${opts.asOf} (today)`
      : `${opts.asOf} (today)`;
  const columns = OUTPUT_COLUMNS;
  return [
    ["Tool", `EXPORTCTL command line ${PACKAGE_VERSION} (exportctl check)`],
    ["Input file", path.basename(opts.input)],
    ...(opts.sheet ? ([["Sheet", opts.sheet]] as AuditRecord) : []),
    ["Output file", path.basename(opts.out)],
    ["Regime", `${regimeLabel(opts.regime)}${opts.regimeChosen ? " (--regime)" : " (default)"}`],
    ["As-of date", asOf],
    [
      "Locale of text numbers and dates",
      `${localeLabel(opts.locale)}${opts.localeChosen ? " (--locale)" : ""}`,
    ],
    ["Ship from", shipFromLine(opts.hasShipFrom, stats)],
    ["Rules data version", RULES_DATA_VERSION],
    ["Rules data hash", RULES_DATA_HASH],
    ["Rows", stats.rows],
    ["Licences required", stats.licences],
    ["No licence required", stats.noLicence],
    ["Indeterminate", stats.indeterminate],
    ["Rows with input errors (not checked)", stats.errors],
    ["Blank rows", stats.blank],
    [
      "Allowances",
      stats.ledger
        ? `accumulated per consignee and calendar year in date order (LEDGER); rows differing from LEDGER: ${stats.ledgerDifferences}`
        : "each row on its own (no Consignee column)",
    ],
    ...(opts.folded ? [["Consignee keys", describeFolded(opts.folded)] as [string, Cell]] : []),
    [
      "Columns written",
      columns.join(", ") +
        " (values)" +
        (opts.explanations ? "" : "; Explanation cells left empty (--no-explanation)") +
        (opts.replacedFormulas
          ? `; ${opts.replacedFormulas} formula cells in them replaced by the checked values`
          : ""),
    ],
    ...opts.warnings.map((w, i) => [i ? "" : "Header warnings", w] as [string, Cell]),
    ["Checked at", opts.timestamp.toISOString()],
    ["Duration (s)", Number(opts.seconds.toFixed(3))],
    [
      "Not checked",
      "Parties (Entity List and other screening lists) and end uses (15 CFR 744): screen them yourself. Not legal advice.",
    ],
  ];
}

/** Where the rows leave from (ship_from, 8th argument of the determination functions and LEDGER). */
function shipFromLine(hasColumn: boolean, stats: CheckStats): string {
  if (!hasColumn) return "US for every row (no Ship from column): exports from the US";
  const counts = [...stats.shipFroms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = counts.slice(0, 10).map(([k, v]) => `${k} ${v}`);
  if (counts.length > 10) shown.push(`${counts.length - 10} more`);
  return (
    "each row's Ship from column (blank: US)" +
    (shown.length ? `; checked rows by Ship from as written: ${shown.join(", ")}` : "")
  );
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2) + " s";
}

/** Runs the CLI; resolves to the exit code. Never throws. */
export async function main(
  argv: string[],
  io: CliIO = { stdout: process.stdout, stderr: process.stderr }
): Promise<number> {
  const say = (text: string) => io.stderr.write(terminalSafe(text) + "\n");
  try {
    return await run(argv, io, say);
  } catch (error) {
    // Nothing should reach here; if it does, one line, never a stack trace.
    const e = error as Error;
    say(`exportctl: unexpected failure: ${e && e.message ? e.message : String(e)}`);
    return EXIT.failure;
  }
}

async function run(argv: string[], io: CliIO, say: (text: string) => void): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const now = io.now ?? (() => new Date());
  let command: ReturnType<typeof parseCommand>;
  try {
    command = parseCommand(argv, cwd);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    say(`exportctl: ${error.message}\nRun 'exportctl --help' for usage.`);
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

  const cmd = command;
  const started = Date.now();
  const saved = getSettings();
  const savedList = screeningList();
  const savedFormat = workbookFormat().numberFormat;
  // A bad row is an error value, made by constructing an Error: with tens of thousands of bad
  // rows, capturing their stack traces (never shown) would cost more than the check itself.
  const stackTraceLimit = Error.stackTraceLimit;
  const today = localIsoDate(now());
  let progress: Progress | null = null;
  let pool: CheckPool | null = null;
  const stopProgress = () => {
    if (progress) progress.stop();
    progress = null;
  };
  try {
    let table: LoadedTable;
    let ledgerCells: LedgerCells | null;
    try {
      ({ table, ledger: ledgerCells } = await readTable(cmd.input, {
        ledgerColumns: (headers) => {
          const m = matchHeaders(headers);
          return m.roles.consignee !== undefined && !m.missing.length && !m.conflicts.length
            ? m.roles
            : null;
        },
      }));
    } catch (error) {
      if (error instanceof InputError) {
        say(`exportctl: ${error.message}`);
        return EXIT.usage;
      }
      throw error;
    }
    const match = matchHeaders(table.headers);
    if (match.missing.length || match.conflicts.length) {
      say(`exportctl: ${path.basename(cmd.input)}: ${describeMissing(match, table.headers)}`);
      return EXIT.usage;
    }
    const warnings = [...match.warnings];
    if (cmd.asOf !== null && match.roles.date !== undefined)
      warnings.push(`the Date column is not used: --as-of ${cmd.asOf} applies to every row`);
    if (table.streamed && formatOf(cmd.out) === "xlsx")
      warnings.push(
        "the workbook is too large to edit in memory: it is read and written as a stream, every sheet with its values and formulas, without cell formatting"
      );
    for (const w of warnings) say(`exportctl: warning: ${w}`);
    let screener: TableScreener | null = null;
    if (cmd.screen && match.roles.consignee === undefined) {
      say(
        `exportctl: --screen: ${path.basename(cmd.input)} has no Consignee column (Consignee, Ultimate consignee, End user or Customer): there is no party to screen.`
      );
      return EXIT.usage;
    }
    if (cmd.screen) {
      const list = await readScreeningFile(cmd.screen, cmd.screenDate);
      if (typeof list === "string") {
        say(`exportctl: ${list}`);
        return EXIT.usage;
      }
      setScreeningList(list);
      screener = new TableScreener(list, match.roles.consignee);
    }
    const readDone = Date.now();

    // As the task pane does: the workbook's regime and as-of date, which formulas without those
    // arguments follow.
    updateSettings({ regime: cmd.regime, asOf: cmd.asOf ?? today });
    // Numbers and dates typed as text follow --locale when given; otherwise the locale is
    // unknown and they are read strictly (DESIGN §3): never inferred from the file (a CSV's
    // delimiter says nothing reliable about its numbers), so a file gives the same answer on
    // every machine.
    const locale = cmd.locale;
    setWorkbookFormat({
      numberFormat: locale
        ? { decimalSeparator: locale.decimal, groupSeparator: locale.group }
        : null,
    });
    Error.stackTraceLimit = 0;
    const options = {
      useDates: cmd.asOf === null,
      locale,
      explanations: cmd.explanations,
    };
    const defaultDate = () => cmd.asOf ?? today;
    let ledger: LedgerSummary | null = null;
    if (ledgerCells) {
      // The columns as cells for the pass; the ids they came from are dropped before it runs,
      // and after it only the summary's few numbers a row are kept.
      let columns: LedgerCells["columns"] | null = ledgerCells.columns;
      const length = ledgerCells.length;
      ledgerCells = null;
      ledger = await ledgerOf(
        callFunction,
        columns,
        length,
        { ...options, ledgerTotals },
        defaultDate
      );
      columns = null;
      // The pass's columns and working arrays are garbage now: collected before the check's
      // blocks pile up on them, or the process's peak memory would be both together.
      collectGarbage();
    }
    const rows = table.dataRows;
    progress = progressFor(io, rows, cmd.progress);
    const stats = emptyStats();
    stats.ledger = ledger !== null;
    const blank = screener ? ["", "", "", "", "", ""] : ["", "", "", "", ""];
    // Large tables are checked on worker threads, a block each (pool.ts), while this thread reads
    // and writes; the counts are added and rows screened in table order.
    const inProcess = (part: Cell[][], offset: number) =>
      checkShipments(
        callFunction,
        part,
        match.roles,
        { ...options, ledger, offset, chunkSize: BLOCK_ROWS, shipmentColumns },
        defaultDate
      );
    pool = CheckPool.start(
      workerCount(rows, BLOCK_ROWS),
      {
        settings: getSettings(),
        format: workbookFormat(),
        roles: match.roles,
        options: { ...options, chunkSize: BLOCK_ROWS },
        defaultDate: defaultDate(),
      },
      inProcess
    );
    const checkPool = pool;
    let inOrder: Promise<unknown> = Promise.resolve();
    const check = (block: Cell[][], offset: number): Promise<Cell[][]> => {
      const upTo = Math.max(0, Math.min(block.length, rows - offset));
      const part = upTo === block.length ? block : block.slice(0, upTo);
      const checked = checkPool ? checkPool.check(part, offset, ledger) : inProcess(part, offset);
      const done = inOrder.then(async () => {
        const result = await checked;
        result.stats.ledger = ledger !== null;
        // Screening may turn a row's verdict into a licence or INDETERMINATE: before the counts.
        if (screener) screener.screen(result, block);
        addStats(stats, result.stats);
        const values = result.values;
        for (let i = upTo; i < block.length; i++) values.push(blank);
        return values;
      });
      inOrder = done.catch(() => undefined);
      return done;
    };
    const regime = cmd.regime ?? (functions.regime() as RegimeId);
    let checkDone = 0;
    let written: string[];
    try {
      written = await checkAndWrite(
        table,
        check,
        cmd.out,
        () => {
          checkDone = Date.now();
          const audit = buildAudit({
            input: cmd.input,
            out: cmd.out,
            sheet: table.sheetName,
            regime,
            regimeChosen: cmd.regime !== null,
            asOf: cmd.asOf ?? today,
            asOfChosen: cmd.asOf !== null,
            hasDates: match.roles.date !== undefined,
            hasShipFrom: match.roles.shipFrom !== undefined,
            replacedFormulas: table.outputFormulas,
            stats,
            timestamp: now(),
            seconds: (checkDone - started) / 1000,
            locale,
            localeChosen: cmd.locale !== null,
            explanations: cmd.explanations,
            warnings,
            folded: ledger?.folded,
          });
          if (screener) {
            const notChecked = audit.findIndex((row) => row[0] === "Not checked");
            if (notChecked >= 0)
              audit[notChecked] = [
                "Not checked",
                "End uses (15 CFR 744). Parties: each Consignee was screened against the list below only. Not legal advice.",
              ];
            audit.push(...screener.audit);
          }
          return audit;
        },
        {
          locale,
          roles: match.roles,
          extraColumns: screener ? [screener.column] : [],
          onProgress: progress ? (done) => progress!.update(done, "checking") : undefined,
          inFlight: checkPool ? 2 * checkPool.size : 1,
        }
      );
    } catch (error) {
      stopProgress();
      if (error instanceof InputError) {
        say(`exportctl: ${error.message}`);
        return EXIT.usage;
      }
      const e = error as NodeJS.ErrnoException;
      say(
        `exportctl: could not write ${cmd.out}: ${e.code && !String(e.message).startsWith(e.code) ? e.code + " " : ""}${e.message}; nothing was written (a previous output, if any, is unchanged).`
      );
      return EXIT.failure;
    }
    Error.stackTraceLimit = stackTraceLimit;
    stopProgress();
    let compared: Awaited<ReturnType<typeof writeDateComparison>> | null = null;
    if (cmd.compareAsOf !== null) {
      const info = listRegimes().find((r) => r.id === regime) ?? listRegimes()[0];
      try {
        compared = await writeDateComparison(
          table,
          match.roles,
          info,
          [cmd.asOf ?? today, cmd.compareAsOf],
          cmd.out
        );
      } catch (error) {
        const e = error as NodeJS.ErrnoException;
        say(
          `exportctl: could not write the date comparison: ${e.code && !String(e.message).startsWith(e.code) ? e.code + " " : ""}${e.message}`
        );
        return EXIT.failure;
      }
      written.push(compared.file);
    }
    const done = Date.now();
    const s = stats;
    const rel = (f: string) => {
      const r = path.relative(cwd, f);
      return r && !r.startsWith("..") && !path.isAbsolute(r) ? r : f;
    };
    const lines = [
      `exportctl: checked ${s.rows.toLocaleString("en-US")} rows of ${rel(cmd.input)}${table.sheetName ? ` (sheet "${table.sheetName}")` : ""} under ${regime}, ` +
        `as of ${cmd.asOf ?? (match.roles.date !== undefined ? `each row's Date (else ${today})` : today)}` +
        (cmd.locale ? `, locale ${cmd.locale.tag}` : ""),
      `  rows: ${s.rows}   licences needed: ${s.licences}   no licence: ${s.noLicence}   indeterminate: ${s.indeterminate}   errors: ${s.errors}` +
        (s.blank ? `   blank: ${s.blank}` : ""),
      ...(screener ? [`  ${screener.summary}`] : []),
      ...s.problems.slice(0, 5).map((p) => `  row ${table.headerRow + 2 + p.row}: ${p.message}`),
      ...(s.errors > 5
        ? [`  ... and ${s.errors - 5} more rows with errors (see the License required column)`]
        : []),
      `  time: ${seconds(done - started)} (read ${seconds(readDone - started)}, check and write ${seconds(done - readDone)})`,
      ...(table.outputFormulas
        ? [
            `  note: ${table.outputFormulas} formula cells in the checked columns were replaced by the checked values`,
          ]
        : []),
      ...(compared
        ? [
            `  compared as of ${cmd.asOf ?? today} and ${cmd.compareAsOf}: ${compared.changed} of ${compared.rows} rows changed`,
          ]
        : []),
      `  wrote ${written.map(rel).join(" and ")}`,
    ];
    say(lines.join("\n"));
    // A row whose own determination and LEDGER's disagree was not checked as the audit says it was:
    // named, and the gate fails.
    if (s.ledgerDifferences > 0)
      say(
        `exportctl: ${s.ledgerDifferences} row(s) differ from LEDGER's verdict for the same allowance: review them (please report).`
      );
    if (cmd.failOnLicense && s.licences + s.indeterminate + s.errors + s.ledgerDifferences > 0) {
      say(
        `exportctl: --fail-on-license: ${s.licences} row(s) need a licence` +
          (s.indeterminate + s.errors
            ? `, ${s.indeterminate + s.errors} could not be checked or decided`
            : "") +
          (s.ledgerDifferences ? `, ${s.ledgerDifferences} differ from LEDGER` : "") +
          "."
      );
      return EXIT.license;
    }
    return EXIT.ok;
  } catch (error) {
    stopProgress();
    const e = error as Error;
    say(`exportctl: unexpected failure: ${e && e.message ? e.message : String(e)}`);
    return EXIT.failure;
  } finally {
    if (pool) await pool.close();
    Error.stackTraceLimit = stackTraceLimit;
    updateSettings({ regime: saved.regime, asOf: saved.asOf });
    setScreeningList(savedList);
    setWorkbookFormat({ numberFormat: savedFormat });
  }
}
