// A stand-in for the CustomFunctions global that Excel's runtime provides, so adapters can build
// CustomFunctions.Error values under jest exactly as they do in Excel.
class CustomFunctionsError extends Error {
  code: string;
  constructor(code: string, message?: string) {
    super(message ?? "");
    this.code = code;
    this.message = message ?? "";
  }
}
(globalThis as any).CustomFunctions = {
  Error: CustomFunctionsError,
  ErrorCode: {
    invalidValue: "#VALUE!",
    notAvailable: "#N/A",
    divisionByZero: "#DIV/0!",
    invalidNumber: "#NUM!",
    nullReference: "#NULL!",
    invalidName: "#NAME?",
    invalidReference: "#REF!",
  },
  associate: () => undefined,
};
