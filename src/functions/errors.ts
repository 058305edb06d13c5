/* global globalThis, CustomFunctions, console */
// Excel errors as values. Only #VALUE! and #N/A carry a message in Excel, so those are the two
// codes EXPORTCTL returns. Inside Excel (and the harnesses) CustomFunctions.Error is the real class;
// elsewhere (the CLI, plain node) an object of the same shape stands in.

export type ErrorCode = "#VALUE!" | "#N/A";

export interface ExcelError {
  code: string;
  message: string;
}

class FallbackError extends Error implements ExcelError {
  code: string;
  constructor(code: string, message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.code = code;
    this.message = message;
  }
}

const CODE_NAMES: Record<ErrorCode, "invalidValue" | "notAvailable"> = {
  "#VALUE!": "invalidValue",
  "#N/A": "notAvailable",
};

/**
 * A user-facing error: thrown inside adapters, caught by the guard and returned as a cell value.
 * It records no stack trace: it is an answer for one cell, not a fault, and a log with a bad value
 * in every row would otherwise pay for a trace per row.
 */
export class ArgumentError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.code = code;
  }
}

export function excelError(code: ErrorCode, message: string): ExcelError {
  const cf = (globalThis as { CustomFunctions?: typeof CustomFunctions }).CustomFunctions;
  if (cf && typeof cf.Error === "function" && cf.ErrorCode) {
    return new cf.Error(
      cf.ErrorCode[CODE_NAMES[code]] as CustomFunctions.ErrorCode,
      message
    ) as ExcelError;
  }
  return new FallbackError(code, message);
}

export function isExcelError(value: unknown): value is ExcelError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ExcelError).code === "string" &&
    (value as ExcelError).code.startsWith("#")
  );
}

/** Turns anything thrown into an Excel error value: the single place no exception escapes through. */
const asValues = new WeakMap<ArgumentError, ExcelError>();

export function toExcelError(error: unknown): ExcelError {
  if (error instanceof ArgumentError) {
    // A rethrown error (see args.ts) gives the same value: error values are never modified.
    let value = asValues.get(error);
    if (!value) asValues.set(error, (value = excelError(error.code, error.message)));
    return value;
  }
  if (isExcelError(error)) return error;
  // Anything else is a fault of the add-in, not of the user's input: said so, and logged once per
  // message (a column of rows hitting one fault must not flood the console).
  const text = error instanceof Error ? error.message : String(error);
  const message = text.startsWith("internal error")
    ? text
    : `internal error, please report: ${text}`;
  if (!logged.has(message) && logged.size < 100) {
    logged.add(message);
    console.error("EXPORTCTL", error);
  }
  return excelError("#VALUE!", message.slice(0, 250));
}

const logged = new Set<string>();
