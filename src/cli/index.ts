// Entry of the command-line bundle (webpack --env cli, target node): bin/exportctl.mjs requires it
// and calls main(argv).
export { main, USAGE, EXIT, callFunction } from "./main";
// The screening module, for `npm run bench` (loading and matching timed on the built code).
export * as screening from "../screening";
