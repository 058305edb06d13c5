// Entry of the command-line bundle (webpack --env cli, target node): bin/exportctl.mjs requires it
// and calls main(argv).
export { main, USAGE, EXIT, callFunction } from "./main";
