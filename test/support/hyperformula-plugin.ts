// The EXPORTCTL functions inside a real spreadsheet engine, HyperFormula, so workbooks that mix
// our formulas with Excel's own (IF, COUNTIF, SUM, IFERROR, spills) can be evaluated without Excel.
// HyperFormula is GPLv3 (or commercial): it is a devDependency used only by tests, never imported
// from src/. Every method calls the very adapters Excel calls (src/functions/functions.ts):
// HyperFormula ranges become the 2-D arrays Excel passes, omitted arguments null, and our error
// values become CellErrors carrying the message.
import {
  ArraySize,
  CellError,
  EmptyValue,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  SimpleRangeValue,
} from "hyperformula";
import type { ImplementedFunctions } from "hyperformula";
import * as functions from "../../src/functions/functions";
import { isExcelError } from "../../src/functions/errors";

type Adapter = (...args: any[]) => unknown;

/** How a function's result is shaped, for HyperFormula's spill prediction. */
type Shape = "rowwise" | "ledger" | "table" | "scalar";

interface Spec {
  adapter: Adapter;
  params: number;
  required: number;
  shape: Shape;
}

const SHIPMENT = { params: 7, required: 2, shape: "rowwise" as const };

/** The 17 functions, by their Excel ids (namespace EXPORTCTL). */
export const SPECS: Record<string, Spec> = {
  TPP: { adapter: functions.tpp, params: 1, required: 1, shape: "rowwise" },
  PERFORMANCE_DENSITY: {
    adapter: functions.performanceDensity,
    params: 1,
    required: 1,
    shape: "rowwise",
  },
  H100_EQUIVALENT: { adapter: functions.h100Equivalent, params: 2, required: 1, shape: "rowwise" },
  ECCN: { adapter: functions.eccn, params: 2, required: 1, shape: "rowwise" },
  COUNTRY_TIER: { adapter: functions.countryTier, params: 2, required: 1, shape: "rowwise" },
  COUNTRY_GROUPS: { adapter: functions.countryGroups, params: 2, required: 1, shape: "rowwise" },
  REQUIRES_LICENSE: { adapter: functions.requiresLicense, ...SHIPMENT },
  LICENSE_EXCEPTION: { adapter: functions.licenseException, ...SHIPMENT },
  REVIEW_POLICY: { adapter: functions.reviewPolicy, ...SHIPMENT },
  EXPLAIN: { adapter: functions.explain, ...SHIPMENT },
  LPP_REMAINING: { adapter: functions.lppRemaining, params: 3, required: 1, shape: "rowwise" },
  COUNTRY_ALLOCATION: {
    adapter: functions.countryAllocation,
    params: 4,
    required: 1,
    shape: "rowwise",
  },
  MODEL_WEIGHTS_CONTROLLED: {
    adapter: functions.modelWeightsControlled,
    params: 4,
    required: 1,
    shape: "rowwise",
  },
  CHIP_SPEC: { adapter: functions.chipSpec, params: 2, required: 2, shape: "rowwise" },
  REGIME: { adapter: functions.regime, params: 0, required: 0, shape: "scalar" },
  REGIMES: { adapter: functions.regimes, params: 0, required: 0, shape: "table" },
  LEDGER: { adapter: functions.ledger, params: 7, required: 6, shape: "ledger" },
};

export const NAMESPACE = "EXPORTCTL";
const LEDGER_WIDTH = 5;

// HyperFormula does not export its AST and interpreter-state types; these are the parts used here.
interface ProcedureAstLike {
  procedureName: string;
  args: unknown[];
}
type StateLike = unknown;

const EXCEL_CODES: Record<string, string> = {
  NA: "#N/A",
  VALUE: "#VALUE!",
  DIV_BY_ZERO: "#DIV/0!",
  NAME: "#NAME?",
  NUM: "#NUM!",
  REF: "#REF!",
  CYCLE: "#CYCLE!",
  SPILL: "#SPILL!",
  LIC: "#LIC!",
  ERROR: "#ERROR!",
};

/** One cell of a HyperFormula range as Excel hands it to a custom function. */
function excelCell(v: unknown): unknown {
  if (v === EmptyValue || v === undefined) return "";
  if (v instanceof CellError)
    return { code: EXCEL_CODES[v.type] ?? "#VALUE!", message: v.message ?? "" };
  if (typeof v === "object" && v !== null && typeof (v as { val?: unknown }).val === "number")
    return (v as { val: number }).val;
  return v;
}

/** An argument as Excel passes it to a matrix parameter: a 2-D array, or null when omitted. */
export function excelArgument(v: unknown): unknown[][] | null {
  if (v === undefined || v === EmptyValue) return null;
  if (v instanceof SimpleRangeValue) return v.data.map((row) => row.map(excelCell));
  return [[excelCell(v)]];
}

/** One result cell in HyperFormula's terms: our #N/A and #VALUE! become CellErrors with the message. */
export function engineCell(v: unknown): unknown {
  if (isExcelError(v))
    return new CellError(v.code === "#N/A" ? ErrorType.NA : ErrorType.VALUE, v.message);
  if (v === null || v === undefined) return EmptyValue;
  return v;
}

function engineValue(result: unknown): unknown {
  if (!Array.isArray(result)) return engineCell(result);
  const rows = result as unknown[][];
  if (rows.length === 1 && rows[0].length === 1) return engineCell(rows[0][0]);
  return SimpleRangeValue.onlyValues(rows.map((row) => row.map(engineCell)) as never);
}

function buildImplementedFunctions(): ImplementedFunctions {
  const out: ImplementedFunctions = {};
  for (const [id, spec] of Object.entries(SPECS)) {
    out[`${NAMESPACE}.${id}`] = {
      method: "call",
      // Ranges arrive whole (ANY, no vectorisation): the adapters broadcast themselves, as in Excel.
      parameters: Array.from({ length: spec.params }, (_, i) => ({
        argumentType: FunctionArgumentType.ANY,
        ...(i >= spec.required ? { optionalArg: true } : {}),
      })),
      vectorizationForbidden: true,
      ...(spec.shape === "scalar" ? {} : { sizeOfResultArrayMethod: "size" }),
    };
  }
  return out;
}

export class ExportCtlPlugin extends FunctionPlugin {
  static implementedFunctions = buildImplementedFunctions();

  /** Every EXPORTCTL function: evaluate the arguments, call the adapter, hand back the cells. */
  call(ast: ProcedureAstLike, state: StateLike): unknown {
    const id = ast.procedureName.slice(NAMESPACE.length + 1);
    const spec = SPECS[id];
    const run = this.runFunction as unknown as (
      args: unknown[],
      state: StateLike,
      meta: unknown,
      body: (...a: unknown[]) => unknown
    ) => unknown;
    return run(ast.args, state, this.metadata(ast.procedureName), (...values: unknown[]) => {
      const args = values.map(excelArgument);
      try {
        return engineValue(spec.adapter(...args));
      } catch (error) {
        // Nothing may escape an adapter; should it, the engine shows it instead of crashing.
        return new CellError(
          ErrorType.ERROR,
          `escaped: ${(error as Error)?.message ?? String(error)}`
        );
      }
    });
  }

  /** The spill size, from the shapes of the argument ranges (Excel's broadcasting rule). */
  size(ast: ProcedureAstLike, state: StateLike): ArraySize {
    const spec = SPECS[ast.procedureName.slice(NAMESPACE.length + 1)];
    if (spec.shape === "table") {
      const table = spec.adapter() as unknown[][];
      return new ArraySize(table[0].length, table.length);
    }
    let width = 1;
    let height = 1;
    const sizeOf = (
      this as unknown as { arraySizeForAst(a: unknown, s: StateLike): ArraySize }
    ).arraySizeForAst.bind(this);
    for (const arg of ast.args) {
      const s = sizeOf(arg, state);
      width = Math.max(width, s.width);
      height = Math.max(height, s.height);
    }
    if (spec.shape === "ledger") return new ArraySize(LEDGER_WIDTH, width * height);
    return width === 1 && height === 1 ? ArraySize.scalar() : new ArraySize(width, height);
  }
}

/** English function names are the ids themselves; HyperFormula requires the translation entries. */
export const TRANSLATIONS = (() => {
  const names = Object.fromEntries(
    Object.keys(ExportCtlPlugin.implementedFunctions).map((n) => [n, n])
  );
  return { enGB: names, enUS: names };
})();

/** Registers the plugin once per process (registering again only replaces the same entries). */
export function registerExportCtl(): void {
  HyperFormula.registerFunctionPlugin(ExportCtlPlugin, TRANSLATIONS);
}

/** Excel's boolean literals: HyperFormula knows TRUE() and FALSE() only as functions. */
const BOOLEAN_NAMES = [
  { name: "TRUE", expression: "=TRUE()" },
  { name: "FALSE", expression: "=FALSE()" },
];

/**
 * A HyperFormula instance with EXPORTCTL registered: the GPL licence key, room for big sheets, full
 * precision (no display rounding of results), and TRUE / FALSE as Excel writes them in formulas.
 */
export function buildEngine(
  sheets: Record<string, unknown[][]>,
  config: Record<string, unknown> = {}
): HyperFormula {
  registerExportCtl();
  return HyperFormula.buildFromSheets(
    sheets as never,
    { licenseKey: "gpl-v3", maxRows: 200_000, smartRounding: false, ...config },
    BOOLEAN_NAMES
  );
}

/**
 * Recalculates every EXPORTCTL formula after the workbook settings (regime, as-of date) changed, as
 * Excel does when the task pane recalculates. Re-enters the formulas rather than calling
 * rebuildAndRecalculate(), which in HyperFormula 3.5.0 turns a spilled result into #SPILL! (it
 * rebuilds with the old spilled values in the way).
 */
export function recalculateExportCtl(hf: HyperFormula): void {
  hf.batch(() => {
    for (const name of hf.getSheetNames()) {
      const sheet = hf.getSheetId(name)!;
      hf.getSheetFormulas(sheet).forEach((row, r) =>
        row.forEach((formula, c) => {
          if (formula && /EXPORTCTL\./i.test(formula))
            hf.setCellContents({ sheet, row: r, col: c }, formula);
        })
      );
    }
  });
}
