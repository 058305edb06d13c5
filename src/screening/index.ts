// Party screening against the Consolidated Screening List the user loaded: pure (no DOM, no
// network, no storage). Adapters: SCREEN_PARTY (src/functions/screening.ts), the pane's
// "Screening list" section (src/taskpane/screening-section.ts), the batch command's --screen.
export * from "./types";
export {
  listKind,
  parseCslCsv,
  parseCslJson,
  readScreeningList,
  sha256Hex,
  REQUIRED_CSV_COLUMNS,
} from "./csl";
export type { LoadOptions } from "./csl";
export { nameKeys, nameTokens, NonLatinNameError, LEGAL_FORM_WORDS } from "./normalise";
export { DEFAULT_MIN_SCORE, ScreeningIndex, indexOf } from "./matcher";
export type { ScreeningMatch } from "./matcher";
export { screeningOutcome, listDescription } from "./verdict";
export type { ScreeningOutcome, ScreeningStatus } from "./verdict";
export { applyScreening, screenParty, screenRows } from "./table";
export type { RowScreening } from "./table";
