// A fault of the rules module itself (a gap in the dated data, an input that should have been
// resolved first), as opposed to a user's input, which the resolvers refuse with a message naming
// the argument. Its message says so, so an adapter can show and log it as an internal error rather
// than as the user's #VALUE!.
export class RulesFault extends Error {
  constructor(what: string) {
    super(`internal error, please report: ${what}`);
    this.name = "RulesFault";
  }
}
