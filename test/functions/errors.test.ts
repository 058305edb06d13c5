// What a cell shows when something fails: the user's input refused with its own message, or a
// fault of the add-in said to be one (and logged), never passed off as the user's mistake.
import { ArgumentError, toExcelError } from "../../src/functions/errors";
import { RulesFault } from "../../src/rules/fault";

test("a refused input keeps its code and message", () => {
  const e = toExcelError(new ArgumentError("#N/A", "Unknown chip 'H1OO'. Did you mean H100?"));
  expect(e).toMatchObject({ code: "#N/A", message: "Unknown chip 'H1OO'. Did you mean H100?" });
});

test("a fault of the rules or the adapters is an internal error to report, logged once", () => {
  const log = jest.spyOn(console, "error").mockImplementation(() => {});
  try {
    const fault = toExcelError(new RulesFault("no D:5 entry for 2031-01-01"));
    expect(fault).toMatchObject({
      code: "#VALUE!",
      message: "internal error, please report: no D:5 entry for 2031-01-01",
    });
    const bug = toExcelError(new TypeError("x is undefined"));
    expect(bug.message).toBe("internal error, please report: x is undefined");
    toExcelError(new TypeError("x is undefined"));
    expect(log).toHaveBeenCalledTimes(2);
  } finally {
    log.mockRestore();
  }
});
