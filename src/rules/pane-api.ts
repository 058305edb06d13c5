// The rules module's public API for the task pane and the workbench, beside index.ts (the API the
// functions bundle loads). It holds what only the pane shows: each regime's badge, sources and description,
// the sources behind the data, the country names for its pickers, and the date arithmetic of its "Compare dates" fields. Outside
// src/rules, read the rules only through index.ts and this module; they are kept apart so the
// functions bundle, which never shows these, does not carry them (DESIGN §6).
import { countryIndex } from "./data/countries";

export { listRegimes } from "./regime-info";
export { sources, type SourceEntry } from "./sources";
export { yearBefore } from "./changes";

/** Every destination the resolver knows, as [ISO alpha-2 code, English name], by name. */
export function countryNames(): [code: string, name: string][] {
  return [...countryIndex().names.entries()].sort((a, b) => a[1].localeCompare(b[1]));
}
