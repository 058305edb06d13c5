// A tiny formula parser for the workbench's formula box: one call of an EXPORTCTL function with
// literal arguments, as typed in a cell, e.g.
//   =EXPORTCTL.REQUIRES_LICENSE("H100","AE",2000,,"diffusion-2025","2025-06-01")
//   =EXPORTCTL.H100_EQUIVALENT({"H100";"B200"},{8;8})
// Literals: numbers (1, -2.5, 1e26, 50%), "strings" ("" is a quote), TRUE/FALSE, empty
// arguments (omitted: null, as Excel passes them), and {..;..} array literals (commas separate
// columns, semicolons rows). No cell references, operators or nested calls: those need a sheet.

export type Literal = number | string | boolean | null;

export interface ParsedFormula {
  /** The function id without namespace, upper case: "REQUIRES_LICENSE". */
  id: string;
  /** One entry per argument: a literal, null when empty, or a 2-D array. */
  args: (Literal | Literal[][])[];
}

export class FormulaError extends Error {
  constructor(
    message: string,
    readonly position: number
  ) {
    super(message);
  }
}

export function parseFormula(text: string): ParsedFormula {
  let i = 0;
  const src = text;
  const fail = (message: string, at = i): never => {
    throw new FormulaError(`${message} (at character ${at + 1})`, at);
  };
  const skip = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const peek = () => src[i];

  skip();
  if (peek() === "=") i++;
  skip();
  const nameMatch = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(src.slice(i));
  if (!nameMatch) fail("Expected a function name, e.g. =EXPORTCTL.REQUIRES_LICENSE(...)");
  let name = nameMatch![0].toUpperCase();
  const nameAt = i;
  i += nameMatch![0].length;
  if (name.startsWith("EXPORTCTL.")) name = name.slice("EXPORTCTL.".length);
  if (!/^[A-Z][A-Z0-9_]*$/.test(name))
    fail(`'${nameMatch![0]}' is not an EXPORTCTL function name`, nameAt);
  skip();
  if (peek() !== "(") fail(`Expected '(' after ${nameMatch![0]}`);
  i++;

  const literal = (inArray: boolean): Literal => {
    skip();
    const c = peek();
    if (c === '"') {
      i++;
      let out = "";
      for (;;) {
        if (i >= src.length) fail("A text argument is missing its closing quote");
        if (src[i] === '"') {
          if (src[i + 1] === '"') {
            out += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        out += src[i++];
      }
      return out;
    }
    const num = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?%?/i.exec(src.slice(i));
    if (num) {
      i += num[0].length;
      const t = num[0];
      return t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
    }
    const word = /^(TRUE|FALSE)\b/i.exec(src.slice(i));
    if (word) {
      i += word[0].length;
      return word[0].toUpperCase() === "TRUE";
    }
    if (!inArray && (c === "," || c === ")")) return null;
    if (inArray && (c === "," || c === ";" || c === "}"))
      fail("An array literal cannot have empty elements");
    if (c === undefined) fail("The formula ends too early: expected an argument and ')'");
    if (/[A-Za-z]/.test(c))
      fail("Only literal arguments work here: text needs quotes, cell references need a sheet");
    return fail(`Unexpected '${c}'`);
  };

  const array = (): Literal[][] => {
    i++; // {
    const rows: Literal[][] = [[]];
    for (;;) {
      rows[rows.length - 1].push(literal(true));
      skip();
      const c = peek();
      if (c === ",") i++;
      else if (c === ";") {
        i++;
        rows.push([]);
      } else if (c === "}") {
        i++;
        break;
      } else
        fail(
          c === undefined
            ? "An array literal is missing its closing '}'"
            : `Unexpected '${c}' in an array literal`
        );
    }
    const width = rows[0].length;
    if (rows.some((r) => r.length !== width))
      fail("Every row of an array literal needs the same number of values");
    return rows;
  };

  const args: (Literal | Literal[][])[] = [];
  skip();
  if (peek() === ")") {
    i++;
  } else {
    for (;;) {
      skip();
      args.push(peek() === "{" ? array() : literal(false));
      skip();
      const c = peek();
      if (c === ",") {
        i++;
        continue;
      }
      if (c === ")") {
        i++;
        break;
      }
      fail(
        c === undefined
          ? "The formula is missing its closing ')'"
          : `Expected ',' or ')' but found '${c}'`
      );
    }
  }
  skip();
  if (i < src.length) fail(`Unexpected text after ')': '${src.slice(i)}'`);
  return { id: name, args };
}

/** Arguments as Excel passes them to a function whose parameters are matrices: x -> [[x]], omitted -> null. */
export function asExcelArgs(args: ParsedFormula["args"], count?: number): unknown[] {
  const out = args.map((a) => (a === null ? null : Array.isArray(a) ? a : [[a]]));
  if (count !== undefined) while (out.length < count) out.push(null);
  return out;
}
