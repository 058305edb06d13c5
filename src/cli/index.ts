// Entry of the command-line bundle (webpack --env cli, target node): bin/exportctl.mjs requires it
// and calls main(argv).
export { main, USAGE, EXIT, callFunction } from "./main";
// The screening module, for `npm run bench` (loading and matching timed on the built code).
export * as screening from "../screening";

// A check worker (pool.ts) is this bundle started again on a worker thread: it serves blocks.
import { callFunction } from "./main";
import { runCheckWorker } from "./pool";
runCheckWorker(callFunction);
