// Functions whose code loads on first use (its own webpack chunk), so the functions bundle Excel
// loads at start stays small. The call resolves to the function's matrix; a chunk that cannot load
// gives an error value, never a rejected promise.
import { Matrix } from "./broadcast";
import { toExcelError } from "./errors";

export function loaded<M>(load: () => Promise<M>, call: (module: M) => Matrix): Promise<Matrix> {
  return load().then(call, (error) => [[toExcelError(error)]]);
}
