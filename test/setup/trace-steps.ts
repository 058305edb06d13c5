// Traceability (docs/traceability.md, scripts/build-traceability.mjs): when EXPORTCTL_TRACE names a
// directory, every step() the rules call while this test file runs is recorded with its citation,
// the source line that called it and the test running at the time, and written there when the file
// ends. Only citations a test actually reached get a test in the table. Off by default: no cost.
import * as fs from "fs";
import * as path from "path";

const mockTraceDir = process.env.EXPORTCTL_TRACE;
const mockRoot = path.resolve(__dirname, "..", "..");
/** "cite\0file:line" -> names of the tests that reached it ("" for module load). */
const mockSeen = new Map<string, Set<string>>();

function mockCaller(): string {
  const holder: { stack?: string } = {};
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 5;
  Error.captureStackTrace(holder, mockCaller);
  Error.stackTraceLimit = limit;
  // [0] "Error", [1] mockRecord, [2] the traced step(), [3] its caller.
  const frame = (holder.stack ?? "").split("\n")[3] ?? "";
  const m = /\(?([^()\s]+\.ts):(\d+):\d+\)?$/.exec(frame.trim());
  return m ? `${path.relative(mockRoot, m[1]).split(path.sep).join("/")}:${m[2]}` : "?";
}

function mockRecord(cite: string): void {
  const key = `${cite}\0${mockCaller()}`;
  let tests = mockSeen.get(key);
  if (!tests) mockSeen.set(key, (tests = new Set()));
  tests.add(expect.getState().currentTestName ?? "");
}

if (mockTraceDir) {
  jest.mock("../../src/rules/step", () => {
    const actual = jest.requireActual("../../src/rules/step");
    return {
      ...actual,
      step: (text: unknown, cite: string, confidence: unknown) => {
        mockRecord(cite);
        return actual.step(text, cite, confidence);
      },
    };
  });
  afterAll(() => {
    const testPath = expect.getState().testPath ?? "unknown";
    const file = path.relative(mockRoot, testPath).split(path.sep).join("/");
    const records = [...mockSeen].map(([key, tests]) => {
      const [cite, at] = key.split("\0");
      return { cite, at, tests: [...tests].sort() };
    });
    fs.mkdirSync(mockTraceDir, { recursive: true });
    fs.writeFileSync(
      path.join(mockTraceDir, `${file.replace(/[^A-Za-z0-9]+/g, "_")}.json`),
      JSON.stringify({ file, records })
    );
  });
}
