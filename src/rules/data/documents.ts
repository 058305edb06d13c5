// What the pane's provenance says about each source the rules data cites: Federal Register
// documents by their citation, other sources by how the citations name them. Which sources are
// listed is not decided here: sources.ts lists those the data cites (an FR document missing from
// this table is still listed, and a test fails until it is described). Read only by the pane,
// so none of it is in the functions bundle. Sources: reference/regulations.md §0, §1.1;
// updates-2026-11.md §6.
import type { Confidence } from "../types";

export interface FrDocument {
  /** The FR document number (federalregister.gov/d/<number>). */
  doc?: string;
  what: string;
  /** Where to read it, when not federalregister.gov/d/<doc>. */
  url?: string;
  confidence: Confidence;
}

/** Federal Register documents, keyed as citations name them ("90 FR 4544"). */
export const FR_DOCUMENTS: Readonly<Record<string, FrDocument>> = {
  "69 FR 46070": {
    doc: "04-17532",
    what: "Export and reexport controls for Iraq (15 CFR 746.3), effective 2004-07-30",
    confidence: "secondary",
  },
  "80 FR 4776": {
    doc: "2015-01638",
    what: "Licence for every item to the Crimea region of Ukraine (15 CFR 746.6), effective 2015-01-29",
    confidence: "confirmed",
  },
  "87 FR 12226": {
    doc: "2022-04300",
    what: "Sanctions against Russia under the EAR; the so-called DNR and LNR regions of Ukraine added to 15 CFR 746.6 (effective 2022-02-24)",
    confidence: "confirmed",
  },
  "87 FR 57068": {
    doc: "2022-19910",
    what: "Belarus added to the Russian industry sector sanctions (15 CFR 746.5), published 2022-09-16",
    confidence: "secondary",
  },
  "87 FR 62186": {
    doc: "2022-21658",
    what: "Oct 2022 rule: 3A090/4A090 created, licence for China (published 2022-10-13, effective 2022-10-07)",
    confidence: "secondary",
  },
  "88 FR 2821": {
    doc: "2023-00888",
    what: "Macau added to the Oct 2022 controls (published 2023-01-18)",
    confidence: "secondary",
  },
  "88 FR 63016": {
    what: "State Department ITAR rule on Cyprus (2023-10-01): a possible earlier exit from D:5, not confirmed",
    confidence: "unconfirmed",
  },
  "88 FR 73458": {
    doc: "2023-23055",
    what: "AC/S IFR: TPP/PD tests, D:1/D:4/D:5 scope, HQ rule, NAC (published 2023-10-25, effective 2023-11-17)",
    confidence: "confirmed",
  },
  "89 FR 18780": {
    doc: "2024-05696",
    what: "Nicaragua into Country Groups D:1 and D:5, effective 2024-03-15",
    confidence: "secondary",
  },
  "89 FR 23876": {
    doc: "2024-07004",
    what: "NAC/ACA split (2024-04-04)",
    confidence: "confirmed",
  },
  "89 FR 40369": {
    doc: "2024-10280",
    what: "Cyprus no longer in Country Group D:5, effective 2024-05-30",
    confidence: "confirmed",
  },
  "89 FR 51644": {
    doc: "2024-13148",
    what: "Russia and Belarus sanctions consolidated into 15 CFR 746.8, the industry sector sanctions of 746.5 included (effective 2024-06-12)",
    confidence: "secondary",
  },
  "89 FR 96790": {
    doc: "2024-28270",
    what: "3A090.c (HBM), License Exception HBM (published 2024-12-05, effective 2024-12-02, compliance 2024-12-31)",
    confidence: "confirmed",
  },
  "90 FR 4544": {
    doc: "2025-00636",
    what: "Framework for AI Diffusion: tiers, AIA, ACM, LPP, allocations, 4E091 (published 2025-01-15, effective 2025-01-13)",
    confidence: "secondary",
  },
  "90 FR 42315": {
    doc: "2025-16724",
    what: "Syria: License Exception SPP for EAR99 items (effective 2025-09-02)",
    confidence: "confirmed",
  },
  "90 FR 47201": {
    doc: "2025-19001",
    what: "Affiliates (50%) rule of 2025-09-29",
    confidence: "confirmed",
  },
  "90 FR 50857": {
    doc: "2025-19846",
    what: "Affiliates rule suspended 2025-11-10 to 2026-11-09",
    confidence: "confirmed",
  },
  "91 FR 1684": {
    doc: "2026-00789",
    url: "https://www.govinfo.gov/content/pkg/FR-2026-01-15/html/2026-00789.htm",
    what: "China/Macau case-by-case review under 21,000 TPP and 6,500 GB/s (2026-01-15)",
    confidence: "confirmed",
  },
  "91 FR 2443": {
    doc: "2026-01052",
    what: "Proclamation 11002: Section 232 duty on semiconductor articles (2026-01-15)",
    confidence: "confirmed",
  },
  "91 FR 43034": {
    doc: "2026-14132",
    what: "UAE moved from D:4 to A:5; licence kept for 3A090.a items with carve-outs (Supp. No. 8 to part 740), published 2026-07-14, effective 2026-07-10",
    confidence: "secondary",
  },
};

export interface OtherSource {
  /** How the data's citations name it. */
  match: RegExp;
  /** Its name in the pane (not a citation of the rules: build-traceability reads `cite` fields). */
  name: string;
  what: string;
  url?: string;
  confidence: Confidence;
}

/** Sources other than FR documents; the first one stands for every CFR, supplement and ECCN cite. */
export const OTHER_SOURCES: readonly OtherSource[] = [
  {
    match: /eCFR-2026-07-23|\b15 CFR\b|\bSupp\. No\.|\bECCN\b/,
    name: "15 CFR 740, 742, 746, 774 (eCFR issue 2026-07-23, via a public scrape)",
    url: "https://www.ecfr.gov/current/title-15",
    what: "Country groups, ECCN 3A090/4A090/4E091 text, licence exceptions, part 746",
    confidence: "confirmed",
  },
  {
    match: /BIS Iraq guidance/,
    name: "BIS country guidance: Iraq",
    url: "https://www.bis.doc.gov/index.php/policy-guidance/country-guidance/iraq",
    what: "What 15 CFR 746.3 requires for Iraq, in addition to the other requirements of the EAR",
    confidence: "secondary",
  },
  {
    match: /NVIDIA 8-K/,
    name: "NVIDIA 8-K of 2025-04-15",
    what: "The H20 'is informed' licence requirement of 2025-04-09",
    confidence: "secondary",
  },
  {
    match: /BIS press release 2025-05-13/,
    name: "BIS press release 2025-05-13 (updated 2025-05-16)",
    what: "Rescission of the Diffusion rule announced; not enforced",
    confidence: "secondary",
  },
  {
    match: /General Prohibition 10/,
    name: "BIS guidance of 2025-05-13 (General Prohibition 10)",
    what: "Using Huawei Ascend 910B/910C/910D anywhere risks violating GP10",
    confidence: "secondary",
  },
  {
    match: /\bDDTC\b|RIN 0694-AK41/,
    name: "DDTC ITAR 126.1 rule (effective 2025-11-07); BIS RIN 0694-AK41 (effective 2026-02-03)",
    what: "Cambodia out of D:5 (ITAR date; EAR text conformed later)",
    confidence: "secondary",
  },
  {
    match: /\bGAO B-337935\b/,
    name: "GAO B-337935 (2026-05-12)",
    url: "https://www.gao.gov/products/b-337935",
    what: "Diffusion non-enforcement is a rule under the Congressional Review Act",
    confidence: "confirmed",
  },
  {
    match: /BIS guidance 2026-05-31/,
    name: "BIS guidance 2026-05-31",
    url: "https://wilmarth-associates.com/guidance-regarding-enforcement-of-license-requirements-for-advanced-computing-items-for-entities-headquartered-in-country-group-d5-and-macau/",
    what: "D:5/Macau-HQ licence requirement enforced worldwide",
    confidence: "confirmed",
  },
  {
    match: /\bMITI Directive\b/,
    name: "MITI Directive No. 1/2025 (Malaysia, 2025-07-14)",
    what: "Malaysian permit for exports and transhipment of US-origin AI chips (not a US rule)",
    confidence: "confirmed",
  },
  {
    match: /\bCSET-2023\b/,
    name: "CSET-2023",
    url: "https://exportcontrol.lbl.gov/a-bigger-yard-a-higher-fence-understanding-biss-expanded-controls-on-advanced-computing-exports/",
    what: "Explainer of the Oct 2023 rule: review policies, NAC, HQ rule",
    confidence: "secondary",
  },
  {
    match: /\bKELLY\b/,
    name: "KELLY chip-export-controls tracker (2026-03-18)",
    url: "https://github.com/s-w-kelly/chip-export-controls",
    what: "Threshold history, chip TPP/PD table, Section 232 bands",
    confidence: "secondary",
  },
  {
    match: /\bSEMI\b/,
    name: "SemiAnalysis, How the AI Diffusion Framework Works",
    url: "https://semianalysis.com",
    what: "Diffusion tiers, LPP and allocation figures",
    confidence: "secondary",
  },
  {
    match: /\bReuters\b/,
    name: "Reuters via trendforce.com (2025-04-30)",
    what: "The reported 500 H100-equivalent replacement idea (never adopted)",
    confidence: "unconfirmed",
  },
  {
    match: /\bdatasheet\b/,
    name: "Epoch AI Machine Learning Hardware dataset; vendor datasheets",
    url: "https://epoch.ai/data/machine-learning-hardware",
    what: "Chip catalog (TPP, die area, bandwidth)",
    confidence: "secondary",
  },
  {
    match: /\bCSMS\b|GSM International|Livingston/,
    name: "CBP CSMS #67400472; GSM International, Livingston (Proclamation 11002 guidance)",
    what: "How the Section 232 semiconductor duty is entered and its bands",
    confidence: "secondary",
  },
  {
    match: /Commerce fact sheet/,
    name: "Commerce fact sheet on the US-Taiwan deal (via Husch Blackwell, Thompson Hine)",
    what: "Section 232 quota terms for firms building US fabs (text not released)",
    confidence: "secondary",
  },
  {
    match: /\bKlearNow\b|\bEACCNY\b|Learning Resources v\. Trump|code index/,
    name: "EACCNY; Akerman; KlearNow rule pack v1.7.0 (2026-08-31)",
    what: "Section 232 duty beside other tariffs (s.122, IEEPA after Learning Resources v. Trump); Phase 2 not found",
    confidence: "secondary",
  },
];
