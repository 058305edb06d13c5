/* global __filename, process */
// Blocks of rows checked on worker threads: the command reads, screens and writes on the main
// thread while the workers run the same checkShipments over the same functions (a worker is this
// bundle again, with the regime, as-of date and workbook format the command set), so a file is
// checked on every core and its bytes do not change. Results come back per block, in order.
//
// Only in the built command (bin/exportctl.mjs runs a .cjs bundle that can start itself as a
// worker); elsewhere (tests on the TypeScript sources) blocks are checked in the process.
// EXPORTCTL_WORKERS=N sets the number of workers (0: none). A worker that fails (out of memory,
// stopped) leaves its blocks to the main thread: the answer is the same, only slower.
import * as os from "os";
import { Worker, isMainThread, parentPort, workerData } from "worker_threads";
import { shipmentColumns } from "../functions/batch";
import { excelError, isExcelError } from "../functions/errors";
import type { ErrorCode } from "../functions/errors";
import { updateSettings } from "../settings/settings";
import type { WorkbookSettings } from "../settings/settings";
import { setWorkbookFormat } from "../settings/workbook-format";
import type { WorkbookFormat } from "../settings/workbook-format";
import {
  Cell,
  CheckOptions,
  CheckResult,
  FunctionCaller,
  LedgerSummary,
  Role,
  checkShipments,
} from "../shipments";

/** What every block is checked with: the command's settings and options. */
export interface PoolSetup {
  settings: WorkbookSettings;
  format: WorkbookFormat;
  roles: Partial<Record<Role, number>>;
  options: Pick<CheckOptions, "useDates" | "locale" | "explanations" | "chunkSize">;
  defaultDate: string;
}

interface Task {
  id: number;
  rows: Cell[][];
  offset: number;
  /** LEDGER's values for these rows only (index 0 is rows[0]). */
  ledger: Pick<LedgerSummary, "priors" | "licence" | "exception" | "allocations"> | null;
}

interface Reply {
  id: number;
  result?: CheckResult;
  error?: string;
}

const WORKER_FLAG = "exportctl-check-worker";

// Errors travel as plain objects: a thread boundary keeps an Error's message but not its code.
// `made` marks the errors the functions made (excelError), rebuilt as such on the other side;
// other error-like cells (an xlsx #DIV/0!, a formula without a saved result) stay plain objects
// with their own fields.
interface WireError {
  code: string;
  message: string;
  formula?: string;
  made?: true;
}
const WIRE = "__exportctlError";

function toWire(v: Cell): Cell {
  if (!isExcelError(v)) return v;
  const e = v as { code: string; message: string; formula?: unknown };
  const w: WireError & { [WIRE]: true } = { [WIRE]: true, code: e.code, message: e.message };
  if (typeof e.formula === "string") w.formula = e.formula;
  if (v instanceof Error) w.made = true;
  return w as unknown as Cell;
}

function fromWire(v: Cell): Cell {
  if (v === null || typeof v !== "object" || !(WIRE in (v as object))) return v;
  const w = v as unknown as WireError;
  if (w.made) {
    const e = excelError(w.code as ErrorCode, w.message);
    return (w.formula !== undefined ? Object.assign(e, { formula: w.formula }) : e) as Cell;
  }
  const plain: WireError = { code: w.code, message: w.message };
  if (w.formula !== undefined) plain.formula = w.formula;
  return plain as unknown as Cell;
}

/** Lines of cells with each cell mapped by `f`: a line without a cell `f` changes is kept as it is. */
function mapCells(lines: Cell[][], f: (v: Cell) => Cell): Cell[][] {
  const out: Cell[][] = new Array(lines.length);
  for (let r = 0; r < lines.length; r++) {
    const line = lines[r];
    let copy: Cell[] | null = null;
    for (let c = 0; c < line.length; c++) {
      const v = line[c];
      if (v === null || typeof v !== "object") continue;
      const m = f(v);
      if (m === v) continue;
      copy ??= line.slice();
      copy[c] = m;
    }
    out[r] = copy ?? line;
  }
  return out;
}

function mapResult(r: CheckResult, f: (v: Cell) => Cell): CheckResult {
  return { values: mapCells(r.values, f), stats: r.stats };
}

/** The number of workers for a table of `rows` rows: 0 when checking in the process is as fast. */
export function workerCount(rows: number, blockRows: number): number {
  const set = process.env.EXPORTCTL_WORKERS;
  if (set !== undefined && /^\d+$/.test(set)) return Math.min(Number(set), 16);
  if (!bundleFile() || rows < 2 * blockRows) return 0;
  const cores =
    typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  // A worker re-decides what the main thread's allowance pass decided, and each holds its own
  // heap: measured on 2 cores, workers cost more CPU and memory than they saved. From 4 cores,
  // up to 3 workers (one core left to the thread that reads and writes).
  if (cores < 4) return 0;
  return Math.min(cores - 1, 3, Math.ceil(rows / blockRows));
}

/** This bundle's file, when the command runs from its built bundle (a worker runs it again). */
function bundleFile(): string | null {
  const file = typeof __filename === "string" ? __filename : "";
  return /\.cjs$/.test(file) ? file : null;
}

export class CheckPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Task[] = [];
  private readonly waiting = new Map<
    number,
    { resolve: (r: CheckResult) => void; reject: (e: Error) => void }
  >();
  private readonly busy = new Map<Worker, number>();
  private nextId = 0;
  private failed: Error | null = null;
  /** The table's columns a worker reads (its roles' columns), in the order it receives them. */
  private readonly read: number[];

  get size(): number {
    return this.workers.length;
  }

  /** Null when there is no bundle to start workers from (see bundleFile). */
  static start(
    count: number,
    setup: PoolSetup,
    fallback: (rows: Cell[][], offset: number) => Promise<CheckResult>
  ): CheckPool | null {
    const file = bundleFile();
    if (!file || count < 1) return null;
    return new CheckPool(file, count, setup, fallback);
  }

  private constructor(
    file: string,
    count: number,
    setup: PoolSetup,
    /** Checks a block in this thread, as a worker would. */
    private readonly fallback: (rows: Cell[][], offset: number) => Promise<CheckResult>
  ) {
    // A worker is sent only the cells it reads: the roles' columns, numbered anew.
    this.read = [...new Set(Object.values(setup.roles) as number[])].sort((a, b) => a - b);
    const roles: Partial<Record<Role, number>> = {};
    for (const [role, c] of Object.entries(setup.roles) as [Role, number][])
      roles[role] = this.read.indexOf(c);
    const sent: PoolSetup = { ...setup, roles };
    for (let i = 0; i < count; i++) {
      // No resourceLimits: any limit makes V8 size a worker's heap for it, and collect far more.
      const w = new Worker(file, { workerData: { [WORKER_FLAG]: sent } });
      w.on("message", (reply: Reply) => this.settle(w, reply));
      w.on("error", (error) => this.fail(error));
      w.on("exit", (code) => {
        if (this.busy.has(w) || code !== 0)
          this.fail(new Error(`a check worker stopped (${code})`));
      });
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** Checks a block of rows (`offset`: its first row's index among the data rows). */
  check(rows: Cell[][], offset: number, ledger: LedgerSummary | null): Promise<CheckResult> {
    if (this.failed) return this.fallback(rows, offset);
    const id = this.nextId++;
    const n = rows.length;
    const task: Task = {
      id,
      rows: mapCells(
        rows.map((row) => this.read.map((c) => row[c])),
        toWire
      ),
      offset,
      ledger: ledger && {
        priors: ledger.priors.slice(offset, offset + n),
        licence: ledger.licence.slice(offset, offset + n),
        exception: ledger.exception.slice(offset, offset + n),
        allocations: ledger.allocations && ledger.allocations.slice(offset, offset + n),
      },
    };
    const sent = new Promise<CheckResult>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.queue.push(task);
      this.dispatch();
    });
    // A worker that fails (out of memory, or stopped) leaves its blocks to this thread.
    return sent.catch(() => this.fallback(rows, offset));
  }

  private dispatch(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const task = this.queue.shift()!;
      this.busy.set(w, task.id);
      w.postMessage(task);
    }
  }

  private settle(w: Worker, reply: Reply): void {
    this.busy.delete(w);
    this.idle.push(w);
    const p = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    if (p) {
      if (reply.result) p.resolve(mapResult(reply.result, fromWire));
      else p.reject(new Error(reply.error ?? "a check worker failed"));
    }
    this.dispatch();
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = error;
    for (const p of this.waiting.values()) p.reject(error);
    this.waiting.clear();
    this.queue.length = 0;
    for (const w of this.workers) void w.terminate();
  }

  /** Stops the workers (always called, after the last block or a failure). */
  async close(): Promise<void> {
    this.failed ??= new Error("the check workers were stopped");
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** In a worker started by CheckPool: checks the blocks it is sent. True when this thread is one. */
export function runCheckWorker(call: FunctionCaller): boolean {
  if (isMainThread || !parentPort || !workerData || !(WORKER_FLAG in workerData)) return false;
  const setup = (workerData as Record<string, PoolSetup>)[WORKER_FLAG];
  const port = parentPort;
  updateSettings(setup.settings);
  setWorkbookFormat(setup.format);
  // Error values are made by constructing Errors: no stack traces (see main.ts).
  Error.stackTraceLimit = 0;
  const defaultDate = () => setup.defaultDate;
  port.on("message", async (task: Task) => {
    try {
      const ledger: LedgerSummary | null = task.ledger && {
        ...task.ledger,
        folded: { keys: 0, examples: [] },
      };
      const result = await checkShipments(
        call,
        mapCells(task.rows, fromWire),
        setup.roles,
        { ...setup.options, ledger, offset: task.offset, ledgerAt: 0, shipmentColumns },
        defaultDate
      );
      const reply: Reply = { id: task.id, result: mapResult(result, toWire) };
      port.postMessage(reply);
    } catch (error) {
      const reply: Reply = {
        id: task.id,
        error: error instanceof Error ? error.message : String(error),
      };
      port.postMessage(reply);
    }
  });
  return true;
}
