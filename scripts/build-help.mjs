// Generates help/*.html, one page per custom function plus index.html, from the descriptions
// below: the shared parts (regimes table, errors, navigation) are written once here, and the
// pages are committed as static HTML served with the add-in. help/help.css is kept by hand.
// Usage: node scripts/build-help.mjs [help]
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const out = path.resolve(process.argv[2] || "help");
fs.mkdirSync(out, { recursive: true });

const esc = (s) =>
  String(s)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
/** Inline markup in our own text: `code` and **strong**; everything else escaped. */
const md = (s) =>
  esc(s)
    .replace(/`([^`]+)`/g, "<code>$1</code>")
    .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");

// ---------------------------------------------------------------- shared argument definitions

const A = {
  chipOrEccn: {
    name: "chip",
    type: "Text (or a range)",
    desc: "The item shipped: a catalog chip id, name or alias, case- and punctuation-insensitive, vendor prefix allowed; or an ECCN you already know (`3A090.a`, `4A090.b`, `5A992.z.1`).",
    example: '`"H100"`, `"nvidia h100"`, `"H100 SXM5 80GB"`, `"3A090.a"`',
  },
  chip: {
    name: "chip",
    type: "Text (or a range)",
    desc: "A catalog chip id, name or alias, case- and punctuation-insensitive, vendor prefix allowed. An ECCN is not accepted here: the chip's figures are needed.",
    example: '`"H100"`, `"nvidia b200"`, `"MI300X"`',
  },
  destination: {
    name: "destination",
    type: "Text (or a range)",
    desc: "Destination country: ISO alpha-2 or alpha-3 code, English name or common alias. Hong Kong is treated as China; Macau is its own destination.",
    example: '`"AE"`, `"ARE"`, `"UAE"`, `"Viet Nam"`, `"South Korea"`, `"Türkiye"`',
  },
  country: {
    name: "country",
    type: "Text (or a range)",
    desc: "ISO alpha-2 or alpha-3 code, English name or common alias. Hong Kong is treated as China; Macau is its own destination.",
    example: '`"DE"`, `"India"`, `"UAE"`',
  },
  quantity: {
    name: "quantity",
    optional: true,
    type: "Number (or a range)",
    def: "1",
    desc: 'Units shipped: a whole number >= 1 (H100_EQUIVALENT also takes 0). Omitted: 1 unit; a quantity cell left empty, or 0, is #VALUE! (an empty cell and a real 0 look alike, and no shipment has 0 units). Numbers typed as text follow the workbook\'s number format (`"1,700"` under en-US); a thousands separator that is not the workbook\'s (`"2.000"` under en-US) is refused.',
    example: "`2000`",
  },
  endUserHq: {
    name: "end_user_hq",
    optional: true,
    type: "Text (or a range)",
    def: "the destination",
    desc: "Country of the end user's headquarters or ultimate parent. It matters when that is China, Macau or another D:5 country: the licence requirement then applies worldwide.",
    example: '`"CN"`',
  },
  regime: {
    name: "regime",
    optional: true,
    type: "Text (or a range)",
    def: "the workbook's regime (task pane), else `enforced`",
    desc: "Which rules to apply: `enforced`, `baseline-2023`, `diffusion-2025` or `proposal-500` (see Regimes below).",
    example: '`"diffusion-2025"`',
  },
  asOf: {
    name: "as_of",
    optional: true,
    type: "Date (or a range)",
    def: "the workbook's as-of date (task pane), else today",
    desc: "The date the rules are taken at: an Excel date (a date cell, `DATE(2025,6,1)`) or ISO date text. Country groups, tiers and thresholds are all read on this date.",
    example: '`"2025-06-01"`, `DATE(2025,6,1)`',
  },
  priorTpp: {
    name: "prior_tpp",
    optional: true,
    type: "Number (or a range)",
    def: "0",
    desc: "TPP already shipped to the same ultimate consignee this calendar year under the allowance (Diffusion LPP, or the proposal's 500 H100-equivalents). Ignored by regimes without an allowance.",
    example: "`15832000`",
  },
};
A.shipFrom = {
  name: "ship_from",
  optional: true,
  type: "Text (or a range)",
  def: '"US"',
  desc: "The country the item leaves from, read like the other country arguments; blank means the United States (an export from the US). Any other country makes the shipment a reexport, or an export from abroad of an item made abroad. It matters: the Jan 2026 China/Macau case-by-case review covers only exports from the US (reexports stay at presumption of denial), and a chip not designed in the US shipped from abroad is subject to the EAR only through the foreign direct product rules or de minimis, which are not evaluated (INDETERMINATE). A reexport from Malaysia also notes Malaysia's own permit rule.",
  example: '`"TW"`, `"Malaysia"`',
};
const SHIPMENT_ARGS = [
  A.chipOrEccn,
  A.destination,
  A.quantity,
  A.endUserHq,
  A.regime,
  A.asOf,
  A.priorTpp,
  A.shipFrom,
];

const E = {
  unknownChip: [
    "#N/A",
    "The chip is not in the catalog. The message names the closest matches.",
    "Unknown chip 'H1OO'. Did you mean H100?",
  ],
  unknownCountry: [
    "#N/A",
    "The country is not recognised. The message names the closest matches.",
    "Unknown country 'Atlantis'…",
  ],
  indeterminate: [
    "#N/A",
    "INDETERMINATE: the sources leave the answer open. The message gives the reason; it is never shown as a silent FALSE.",
    "INDETERMINATE: …",
  ],
  quantity: [
    "#VALUE!",
    "quantity is 0, negative, fractional, an empty cell, or not a number.",
    "quantity must be a whole number >= 1, got -5",
  ],
  regime: [
    "#VALUE!",
    "regime is not one of the four ids.",
    "regime must be one of enforced, baseline-2023, diffusion-2025, proposal-500; got 'nope'",
  ],
  asOf: [
    "#VALUE!",
    "as_of is not a date.",
    "as_of must be a date (a date cell or text like 2025-06-01), got 'soon'",
  ],
  priorTpp: [
    "#VALUE!",
    "prior_tpp is negative or not a number.",
    "prior_tpp must be a TPP amount >= 0, got -1",
  ],
  chipText: [
    "#VALUE!",
    "chip is not text (for example an error value or a boolean).",
    "chip must be a chip name as text, got TRUE",
  ],
  eccnNotChip: [
    "#VALUE!",
    "An ECCN was given where the chip's figures are needed.",
    "chip must be a catalog chip, not an ECCN ('3A090.a'): its figures are needed",
  ],
  tppUnknown: [
    "#N/A",
    "The chip's TPP is not published.",
    "The TPP of Instinct MI308X (China) is not published",
  ],
};

const REGIMES = [
  [
    "enforced",
    "As enforced on the as-of date",
    "The default. The law as actually applied, date by date: nothing before 2022-10-07; the Oct 2022 rule; the Oct 2023 rules from 2023-11-17 (the Diffusion framework never took effect in practice), with NAC for D:1/D:4 destinations until the NAC/ACA split of 2024-04-04 (89 FR 23876); country groups on the date (Cyprus out of D:5 on 2024-05-30, 89 FR 40369; Cambodia on 2025-11-07 with its ITAR 126.1 removal, EAR text conformed 2026-02-03); 3A090.c and License Exception HBM from 2024-12-02 (89 FR 96790); the H20/MI308 “is informed” licence requirement from 2025-04-09; a licence for Huawei Ascend 910B/910C/910D whatever the origin from 2025-05-13 (BIS General Prohibition 10 guidance); Syria's License Exception SPP for EAR99 items from 2025-09-02 (90 FR 42315); the China/Macau case-by-case review from 2026-01-15 for exports from the US of items commercially available there (`ship_from`; 91 FR 1684); the UAE in A:5 from 2026-07-10 with the licence for 3A090.a items kept except for the UAE Government, Supp. No. 8 to part 740 entities and the listed US AI companies (91 FR 43034). From 2025-09-29 every explanation names the Affiliates rule (90 FR 47201), suspended 2025-11-10 to 2026-11-09 (90 FR 50857), status after that unconfirmed.",
  ],
  [
    "baseline-2023",
    "Advanced-computing rules of Oct 2023 (as amended Apr 2024, Dec 2024)",
    "In force from 2023-11-17. Licence for 3A090.a to D:1, D:4, D:5 and Macau (less A:5/A:6, for D:5 destinations too), and anywhere for end users headquartered in D:5 or Macau; NAC (D:5/Macau) and ACA (other D:1/D:4, on every date: the text as amended) for 3A090.b; 3A090.c (HBM) to D:5/Macau from 2024-12-02. Country groups on the date; the UAE's move into A:5 (2026-07-10) comes with the licence the same rule kept.",
  ],
  [
    "diffusion-2025",
    "Framework for AI Diffusion (90 FR 4544), as written",
    "Compliance date 2025-05-15; BIS stopped enforcing it on 2025-05-13, but the text is still codified. Tiers 1-3, License Exceptions AIA and LPP (26,900,000 TPP per consignee per year), country allocations, 4E091 model weights.",
  ],
  [
    "proposal-500",
    "Reported replacement idea (2025): no tiers, 500 H100-eq allowance",
    "Reported, never adopted: a scenario. Diffusion without tiers: every destination except the US is treated as Tier 2 (Tier 3 destinations and D:5/Macau-headquartered end users stay presumption of denial); the allowance is 500 H100-equivalents (7,916,000 TPP) per consignee per calendar year; no country allocations.",
  ],
];

// ---------------------------------------------------------------- the functions

const F = [
  {
    id: "TPP",
    group: "Chips",
    summary:
      "Total processing performance (TPP) of one unit of a chip: 2 × MacTOPS × bit length, dense, the highest over the precisions it supports (ECCN 3A090, Technical Note).",
    args: [A.chip],
    returns:
      "Number: the TPP of one unit, from the embedded chip catalog. Every catalog value carries its source and a confidence level (see `CHIP_SPEC`).",
    errors: [E.unknownChip, E.tppUnknown, E.eccnNotChip, E.chipText],
    examples: [
      ['=EXPORTCTL.TPP("H100")', "15832", "H100 SXM: the reference for H100-equivalents."],
      ['=EXPORTCTL.TPP("A100")', "4992", ""],
      [
        "=EXPORTCTL.TPP(A2:A20)",
        "one TPP per cell",
        "Spills next to the chip list; a bad name gives #N/A in its own row only.",
      ],
    ],
    see: ["PERFORMANCE_DENSITY", "H100_EQUIVALENT", "CHIP_SPEC", "ECCN"],
    regimeNote: "TPP is a property of the chip: it does not depend on the regime or the date.",
  },
  {
    id: "PERFORMANCE_DENSITY",
    group: "Chips",
    summary:
      "Performance density (PD): TPP divided by the applicable die area in mm² (ECCN 3A090, Technical Note). Together with TPP it decides between 3A090.a, 3A090.b and not controlled.",
    args: [A.chip],
    returns: "Number: TPP per mm² of applicable die area.",
    errors: [
      E.unknownChip,
      [
        "#N/A",
        "The chip's die area is not published, so its performance density is unknown.",
        "The die area of B200 (HGX B200, …) is not published, so its performance density is unknown",
      ],
      E.eccnNotChip,
      E.chipText,
    ],
    examples: [
      ['=EXPORTCTL.PERFORMANCE_DENSITY("H100")', "19.45 (about)", "15,832 TPP over 814 mm²."],
      [
        '=EXPORTCTL.PERFORMANCE_DENSITY("L4")',
        "6.59 (about)",
        "Above 5.92, which is why the L4 is 3A090.a despite a TPP under 4800.",
      ],
      ['=EXPORTCTL.PERFORMANCE_DENSITY("B200")', "#N/A", "Die area not published."],
    ],
    see: ["TPP", "ECCN", "CHIP_SPEC"],
    regimeNote:
      "Performance density is a property of the chip: it does not depend on the regime or the date.",
  },
  {
    id: "H100_EQUIVALENT",
    group: "Chips",
    summary:
      "H100-equivalents of a quantity of chips: quantity × TPP per unit / 15,832 (the TPP of one H100 SXM). The Diffusion framework and the 2025 proposal state their limits in H100-equivalents.",
    args: [
      {
        ...A.chip,
        type: "Text or Number (or a range)",
        desc: "A catalog chip (as for `TPP`), or a number read as the TPP of one unit.",
        example: '`"B200"`, `36000`',
      },
      {
        ...A.quantity,
        desc: "Units: a whole number >= 0. Omitted: 1 unit; an empty quantity cell is 0 units (Excel desktop sends an empty cell as 0). Numbers typed as text follow the workbook's number format.",
        example: "`8`",
      },
    ],
    returns: "Number: H100-equivalents (not rounded).",
    errors: [
      E.unknownChip,
      E.tppUnknown,
      E.quantity,
      [
        "#VALUE!",
        "chip is a number outside 0 to 1e9.",
        "chip as a number is TPP per unit and must be between 0 and 1e9, got -3",
      ],
    ],
    examples: [
      ['=EXPORTCTL.H100_EQUIVALENT("H100", 1700)', "1700", ""],
      ['=EXPORTCTL.H100_EQUIVALENT("B200")', "2.27 (about)", "One B200: 36,000 / 15,832."],
      [
        "=EXPORTCTL.H100_EQUIVALENT(36000, 100)",
        "227.39 (about)",
        "A number is taken as TPP per unit.",
      ],
    ],
    see: ["TPP", "LPP_REMAINING"],
    regimeNote: "H100-equivalents do not depend on the regime or the date.",
  },
  {
    id: "ECCN",
    group: "Chips",
    summary:
      "The Export Control Classification Number of a chip on a date: 3A090.a, 3A090.b (or 3A090.c for HBM), or not 3A090. The classification follows the rule in force on the as-of date (Oct 2022 interconnect test, then the Oct 2023 TPP and performance-density tests).",
    args: [A.chipOrEccn, A.asOf],
    returns:
      'Text: `"3A090.a"`, `"3A090.b"`, `"3A090.c"`, `"4A090.a"`, … or `"not 3A090"`. An ECCN given as input is returned as it is.',
    errors: [E.unknownChip, E.indeterminate, E.asOf, E.chipText],
    examples: [
      ['=EXPORTCTL.ECCN("H100")', '"3A090.a"', "TPP ≥ 4800."],
      ['=EXPORTCTL.ECCN("L4")', '"3A090.a"', "TPP ≥ 1600 and performance density ≥ 5.92."],
      [
        '=EXPORTCTL.ECCN("H20")',
        '"not 3A090"',
        "Below the thresholds (other licence requirements may still apply).",
      ],
      [
        '=EXPORTCTL.ECCN("H100", "2022-01-01")',
        '"not 3A090"',
        "Before 2022-10-07 there was no 3A090.",
      ],
    ],
    see: ["TPP", "PERFORMANCE_DENSITY", "REQUIRES_LICENSE"],
    regimeNote:
      "ECCN takes no regime: classification is the same in every regime and depends only on the as-of date. Indeterminate when the performance density is unknown where it matters.",
  },
  {
    id: "COUNTRY_TIER",
    group: "Countries",
    summary:
      "The tier of a country under the Framework for AI Diffusion (90 FR 4544) on a date: 1 (the US and 18 close partners, the rule's fixed list), 3 (Macau and Country Group D:5 on the date: the rule names the group, so Cambodia is Tier 2 from 2025-11-07) or 2 (everyone else).",
    args: [A.country, A.asOf],
    returns: "Number: 1, 2 or 3.",
    errors: [E.unknownCountry, E.asOf],
    examples: [
      ['=EXPORTCTL.COUNTRY_TIER("Germany")', "1", ""],
      ['=EXPORTCTL.COUNTRY_TIER("India")', "2", ""],
      ['=EXPORTCTL.COUNTRY_TIER("Hong Kong")', "3", "Hong Kong is treated as China."],
      [
        '=EXPORTCTL.COUNTRY_TIER("KH", "2025-11-07")',
        "2",
        "Cambodia left D:5 that day (3 the day before).",
      ],
    ],
    see: ["COUNTRY_GROUPS", "COUNTRY_ALLOCATION", "REQUIRES_LICENSE"],
    regimeNote:
      "Tiers exist only in the Diffusion framework (`diffusion-2025`); this function reports them whatever the workbook's regime.",
  },
  {
    id: "COUNTRY_GROUPS",
    group: "Countries",
    summary:
      "The EAR country groups (Supplement No. 1 to part 740) of a country that matter for AI chips, on a date. Groups change over time: Cyprus left D:5 on 2024-05-30 (89 FR 40369); Cambodia on 2025-11-07 (its removal from ITAR 126.1, which D:5 follows; the EAR text conformed on 2026-02-03); the UAE moved from D:4 into A:5 on 2026-07-10 (91 FR 43034).",
    args: [A.country, A.asOf],
    returns:
      'Text: the groups, comma separated, e.g. `"D:1, D:4, D:5"` or `"A:5"`; `"none"` when none of them applies.',
    errors: [E.unknownCountry, E.asOf],
    examples: [
      ['=EXPORTCTL.COUNTRY_GROUPS("CN")', '"D:1, D:4, D:5"', ""],
      ['=EXPORTCTL.COUNTRY_GROUPS("AE", "2026-07-09")', '"D:4"', "The day before the UAE rule."],
      ['=EXPORTCTL.COUNTRY_GROUPS("AE", "2026-07-10")', '"A:5"', "The day it took effect."],
      [
        '=EXPORTCTL.COUNTRY_GROUPS("KH", "2025-12-01")',
        '"D:1"',
        "Cambodia out of D:5 from 2025-11-07.",
      ],
    ],
    see: ["COUNTRY_TIER", "REQUIRES_LICENSE"],
    regimeNote: "Country groups take no regime: they are read on the as-of date.",
  },
  {
    id: "REQUIRES_LICENSE",
    group: "Shipments",
    summary:
      "Whether a shipment of chips to a destination needs a licence from BIS, under a regime on a date.",
    args: SHIPMENT_ARGS,
    returns:
      "`TRUE` when a licence is required, `FALSE` when it is not (no licence required, or a licence exception applies: see `LICENSE_EXCEPTION`). `#N/A` with the reason when the sources leave the answer open.",
    errors: [
      E.unknownChip,
      E.unknownCountry,
      E.indeterminate,
      E.quantity,
      E.regime,
      E.asOf,
      E.priorTpp,
    ],
    examples: [
      [
        '=EXPORTCTL.REQUIRES_LICENSE("H100", "CN", 100, , "baseline-2023", "2024-06-01")',
        "TRUE",
        "China is in D:5: licence, presumption of denial.",
      ],
      [
        '=EXPORTCTL.REQUIRES_LICENSE("H100", "IN", 1699, , "diffusion-2025", "2025-06-01")',
        "FALSE",
        "1,699 × 15,832 = 26,898,568 TPP: within License Exception LPP.",
      ],
      [
        '=EXPORTCTL.REQUIRES_LICENSE("H100", "IN", 1700, , "diffusion-2025", "2025-06-01")',
        "TRUE",
        "26,914,400 TPP: over the LPP cap.",
      ],
      [
        '=EXPORTCTL.REQUIRES_LICENSE("H100", "DE", 500, "CN", "baseline-2023", "2024-06-01")',
        "TRUE",
        "End user headquartered in China: licence worldwide.",
      ],
      [
        '=EXPORTCTL.REQUIRES_LICENSE("H20", "IR", 10, , "enforced", "2024-06-01")',
        "TRUE",
        "Iran is under a comprehensive embargo (15 CFR 746): a licence whatever the classification.",
      ],
      [
        '=EXPORTCTL.REQUIRES_LICENSE("H100", "AE", 2000, , "enforced", "2026-09-01")',
        "TRUE",
        "The UAE rule (91 FR 43034) keeps the licence for 3A090.a items; the explanation names who is exempt.",
      ],
      [
        '=EXPORTCTL.REQUIRES_LICENSE("Ascend 910B", "DE", 8, , "enforced", "2026-06-09")',
        "TRUE",
        "BIS's General Prohibition 10 guidance of 2025-05-13.",
      ],
      [
        '=EXPORTCTL.REQUIRES_LICENSE("BR100", "DE", 8, , "enforced", "2026-06-09", , "CN")',
        "#N/A",
        "A chip not designed in the US shipped from abroad: subject to the EAR only through the FDP rules or de minimis, not evaluated.",
      ],
      [
        "=EXPORTCTL.REQUIRES_LICENSE(A2:A500, B2:B500, C2:C500)",
        "one TRUE/FALSE per row",
        "A whole shipment table in one formula; errors stay in their own row.",
      ],
    ],
    see: ["LICENSE_EXCEPTION", "REVIEW_POLICY", "EXPLAIN", "LEDGER"],
  },
  {
    id: "LICENSE_EXCEPTION",
    group: "Shipments",
    summary:
      "The licence exception (or notification) that authorises a shipment without a licence, when there is one.",
    args: SHIPMENT_ARGS,
    returns:
      'Text: `"LPP"` (Low Processing Performance, 15 CFR 740.29), `"AIA"` (Artificial Intelligence Authorization, 740.27), `"ACA"` (Advanced Computing Authorized, 740.8), `"NAC"` (Notified Advanced Computing: notify BIS 25 days ahead, 740.8), `"HBM"` (740.25), `"VEU"` (Validated End User), `"SPP"` (Syria, EAR99 items, from 2025-09-02: 90 FR 42315), or `""` when none applies (no licence needed at all, or a licence is required).',
    errors: [
      E.unknownChip,
      E.unknownCountry,
      E.indeterminate,
      E.quantity,
      E.regime,
      E.asOf,
      E.priorTpp,
    ],
    examples: [
      [
        '=EXPORTCTL.LICENSE_EXCEPTION("H100", "IN", 1699, , "diffusion-2025", "2025-06-01")',
        '"LPP"',
        "Within the 26,900,000 TPP consignee cap.",
      ],
      [
        '=EXPORTCTL.LICENSE_EXCEPTION("H100", "DE", 10000, "DE", "diffusion-2025", "2025-06-01")',
        '"AIA"',
        "Tier 1 destination, Tier 1 headquarters.",
      ],
      [
        '=EXPORTCTL.LICENSE_EXCEPTION("RTX 4090", "CN", 10, , "baseline-2023", "2024-06-01")',
        '"NAC"',
        "A non-datacenter chip with TPP ≥ 4800 to D:5: notify BIS and wait 25 days (EXPLAIN says so).",
      ],
      [
        '=EXPORTCTL.LICENSE_EXCEPTION("EAR99", "SY", 1, , "enforced", "2025-10-01")',
        '"SPP"',
        "Syria from 2025-09-02, within SPP's end-user and end-use limits.",
      ],
    ],
    see: ["REQUIRES_LICENSE", "LPP_REMAINING", "EXPLAIN"],
  },
  {
    id: "REVIEW_POLICY",
    group: "Shipments",
    summary: "How BIS reviews a licence application for the shipment, when a licence is required.",
    args: SHIPMENT_ARGS,
    returns:
      'Text: `"presumption of denial"`, `"case-by-case"`, `"presumption of approval"`, or `""` when no licence is required.',
    errors: [
      E.unknownChip,
      E.unknownCountry,
      E.indeterminate,
      E.quantity,
      E.regime,
      E.asOf,
      E.priorTpp,
    ],
    examples: [
      [
        '=EXPORTCTL.REVIEW_POLICY("H100", "CN", 100, , "baseline-2023", "2024-06-01")',
        '"presumption of denial"',
        "",
      ],
      [
        '=EXPORTCTL.REVIEW_POLICY("B200", "CN", 100, , "enforced", "2026-03-01")',
        '"presumption of denial"',
        "Above the Jan 2026 case-by-case thresholds (TPP 21,000; DRAM bandwidth 6,500 GB/s).",
      ],
      [
        '=EXPORTCTL.REVIEW_POLICY("H100", "IN", 500, , "baseline-2023", "2024-06-01")',
        '""',
        "No licence required.",
      ],
      [
        '=EXPORTCTL.REVIEW_POLICY("H200", "CN", 100, , "enforced", "2026-03-01")',
        '"case-by-case"',
        "An export from the US under 91 FR 1684; EXPLAIN lists the Supp. No. 2 to part 748 (dd) conditions.",
      ],
      [
        '=EXPORTCTL.REVIEW_POLICY("H200", "CN", 100, , "enforced", "2026-03-01", , "TW")',
        '"presumption of denial"',
        "A reexport from Taiwan: the case-by-case review covers exports from the US only.",
      ],
    ],
    see: ["REQUIRES_LICENSE", "EXPLAIN"],
  },
  {
    id: "EXPLAIN",
    group: "Shipments",
    summary:
      "One line of text for the audit file: why the shipment does or does not need a licence, with the citations behind each step.",
    args: SHIPMENT_ARGS,
    returns:
      "Text: the verdict; the ECCN and why; the destination's country groups or tier; the exception or the review policy; the CFR / Federal Register citation of each step; what an exception obliges (NAC: notify BIS and wait; LPP: certification and reporting), so FALSE never reads as “nothing to do”; the ship-from country when it is not the US, and warnings such as another country's own permit; the confidence (confirmed, secondary or unconfirmed: the weakest fact used). It ends by saying what is not checked: the parties (Entity List and other screening lists) and end-use controls (15 CFR 744), which need your own screening, and from 2025-09-29 the Affiliates (50% ownership) rule with its status on the date. For an open case it explains what is open instead of returning #N/A.",
    errors: [E.unknownChip, E.unknownCountry, E.quantity, E.regime, E.asOf, E.priorTpp],
    examples: [
      [
        '=EXPORTCTL.EXPLAIN("H100", "AE", 2000, , "enforced", "2025-06-01")',
        "text",
        "The UAE was in D:4 then: licence, with the citations.",
      ],
      [
        '=EXPORTCTL.EXPLAIN("H100", "AE", 2000, , "enforced", "2026-09-01")',
        "text",
        "After the UAE's move into A:5 (2026-07-10): licence, except for the UAE Government, the Supp. No. 8 to part 740 entities (G42 and Core42 until 2027-04-06) and the listed US AI companies.",
      ],
      [
        '=EXPORTCTL.EXPLAIN("H100", "DE", 10, , "enforced", "2026-03-01", , "MY")',
        "text",
        "A reexport from Malaysia: notes Malaysia's own permit for US-origin AI chips (MITI Directive 1/2025).",
      ],
      [
        "=EXPORTCTL.EXPLAIN(A2:A50, B2:B50, C2:C50)",
        "one line per row",
        "Turn on Wrap Text to read long explanations.",
      ],
    ],
    see: ["REQUIRES_LICENSE", "LICENSE_EXCEPTION", "REVIEW_POLICY"],
  },
  {
    id: "LPP_REMAINING",
    group: "Allowances",
    summary:
      "TPP still available to an ultimate consignee this calendar year under the per-consignee allowance: License Exception LPP (26,900,000 TPP, 15 CFR 740.29) in `diffusion-2025`, or 500 H100-equivalents (7,916,000 TPP) in `proposal-500`.",
    args: [
      {
        ...A.priorTpp,
        optional: false,
        def: undefined,
        desc: "TPP already shipped to the consignee this calendar year under the allowance.",
        example: "`20000000`",
      },
      { ...A.regime, desc: "`diffusion-2025` or `proposal-500`: the regimes with an allowance." },
      A.asOf,
    ],
    returns:
      "Number: the TPP left (0 once the allowance is used up). Divide by 15,832 for H100-equivalents, or by a chip's TPP for units.",
    errors: [
      [
        "#N/A",
        "The regime has no per-consignee allowance (`enforced`, `baseline-2023`).",
        "… no allowance …",
      ],
      E.priorTpp,
      E.regime,
      E.asOf,
    ],
    examples: [
      [
        '=EXPORTCTL.LPP_REMAINING(20000000, "diffusion-2025", "2025-06-01")',
        "6900000",
        "26,900,000 − 20,000,000.",
      ],
      ['=EXPORTCTL.LPP_REMAINING(0, "proposal-500", "2025-06-01")', "7916000", "500 × 15,832."],
      [
        '=EXPORTCTL.LPP_REMAINING(20000000, "diffusion-2025") / EXPORTCTL.TPP("H100")',
        "435.8 (about)",
        "H100 units left this year.",
      ],
    ],
    see: ["LICENSE_EXCEPTION", "LEDGER", "H100_EQUIVALENT"],
  },
  {
    id: "COUNTRY_ALLOCATION",
    group: "Allowances",
    summary:
      "A Tier 2 country's TPP allocation for 2025-2027 under the Diffusion framework: 790,000,000 TPP, one cumulative cap for the whole period, doubled to 1,580,000,000 with a government-to-government agreement. Licensed exports draw on it; LPP and VEU shipments do not.",
    args: [
      A.country,
      {
        name: "g2g",
        optional: true,
        type: "TRUE/FALSE (or a range)",
        def: "FALSE",
        desc: "TRUE when the country has a government-to-government agreement with the US on export control and technology security.",
        example: "`TRUE`",
      },
      { ...A.regime, desc: "A regime with country allocations: `diffusion-2025`." },
      A.asOf,
    ],
    returns: "Number: the allocation in TPP.",
    errors: [
      E.unknownCountry,
      ["#N/A", "No allocation applies: the regime has none, or the country is not in Tier 2.", "…"],
      ["#VALUE!", "g2g is not TRUE or FALSE.", "g2g must be TRUE or FALSE, got 'maybe'"],
      E.regime,
      E.asOf,
    ],
    examples: [
      [
        '=EXPORTCTL.COUNTRY_ALLOCATION("India", FALSE, "diffusion-2025", "2025-06-01")',
        "790000000",
        "",
      ],
      [
        '=EXPORTCTL.COUNTRY_ALLOCATION("India", TRUE, "diffusion-2025", "2025-06-01")',
        "1580000000",
        "Doubled with a G2G agreement.",
      ],
      [
        '=EXPORTCTL.COUNTRY_ALLOCATION("India", , "diffusion-2025") / 15832',
        "49,899 (about)",
        "In H100-equivalents.",
      ],
    ],
    see: ["COUNTRY_TIER", "LEDGER", "LPP_REMAINING"],
  },
  {
    id: "MODEL_WEIGHTS_CONTROLLED",
    group: "Allowances",
    summary:
      "Whether the weights of an AI model are controlled under ECCN 4E091 (Diffusion framework): trained with at least 10²⁶ operations and not published.",
    args: [
      {
        name: "training_ops",
        type: "Number (or a range)",
        desc: "Operations used to train the model, pre-training plus later training (the 6·N·D estimate is a common convention).",
        example: "`2E+26`",
      },
      {
        name: "published",
        optional: true,
        type: "TRUE/FALSE (or a range)",
        def: "FALSE",
        desc: "TRUE when the weights are published (open weights): published weights are not controlled.",
        example: "`FALSE`",
      },
      A.regime,
      A.asOf,
      {
        name: "derived_from_published",
        optional: true,
        type: "TRUE/FALSE (or a range)",
        def: "not known",
        desc: "TRUE when the model is a fine-tune of published weights (4E091 Note 2).",
        example: "`TRUE`",
      },
      {
        name: "extra_ops",
        optional: true,
        type: "Number (or a range)",
        def: "not known",
        desc: "Operations added to the published weights. A derivative stays excluded while they are at most the larger of 2.5E+25 and 25% of the published model's operations (`training_ops` counts all operations, the base model's included).",
        example: "`1E+25`",
      },
      {
        name: "exceeds_best_published",
        optional: true,
        type: "TRUE/FALSE (or a range)",
        def: "not known",
        desc: "FALSE when the model is no more capable than the most capable model with published weights (excluded by Note 2).",
        example: "`FALSE`",
      },
    ],
    returns:
      "`TRUE` or `FALSE`. With the Note 2 inputs omitted, closed weights trained with at least 10²⁶ operations give TRUE with a lowered confidence (the Note 2 exclusions are not known). `#N/A` when the model derives from published weights and its extra operations are unknown.",
    errors: [
      [
        "#VALUE!",
        "training_ops is negative or not a number.",
        "training_ops must be a number of operations >= 0, got 'lots'",
      ],
      ["#VALUE!", "published is not TRUE or FALSE.", "published must be TRUE or FALSE, got 'open'"],
      E.regime,
      E.asOf,
    ],
    examples: [
      [
        '=EXPORTCTL.MODEL_WEIGHTS_CONTROLLED(2E+26, FALSE, "diffusion-2025", "2025-06-01")',
        "TRUE",
        "",
      ],
      [
        '=EXPORTCTL.MODEL_WEIGHTS_CONTROLLED(2E+26, TRUE, "diffusion-2025", "2025-06-01")',
        "FALSE",
        "Published weights.",
      ],
      [
        '=EXPORTCTL.MODEL_WEIGHTS_CONTROLLED(2E+26, FALSE, "enforced", "2025-06-01")',
        "FALSE",
        "4E091 came with the Diffusion framework, which is not enforced.",
      ],
      [
        '=EXPORTCTL.MODEL_WEIGHTS_CONTROLLED(2E+26, FALSE, "diffusion-2025", "2025-06-01", TRUE, 1E+25)',
        "FALSE",
        "A light fine-tune of published weights (Note 2).",
      ],
      [
        '=EXPORTCTL.MODEL_WEIGHTS_CONTROLLED(2E+26, FALSE, "diffusion-2025", "2025-06-01", TRUE)',
        "#N/A",
        "Derived from published weights, extra operations unknown.",
      ],
    ],
    see: ["REGIMES"],
  },
  {
    id: "CHIP_SPEC",
    group: "Chips",
    summary:
      "Any value from the embedded chip catalog, with its provenance: figures, vendor, form factor, confidence and source.",
    args: [
      A.chip,
      {
        name: "field",
        type: "Text (or a range)",
        desc: "One of: `id`, `vendor`, `name`, `aliases`, `release_year`, `form_factor`, `tpp`, `die_area` (mm²), `performance_density`, `memory_gb`, `memory_bandwidth` (GB/s), `interconnect` (GB/s, bidirectional chip-to-chip), `tdp` (W), `datacenter`, `us_designed` (designed in the US, wherever made; `us_origin` is its old name), `dense_fp8`, `dense_fp16`, `dense_int8`, `dense_tf32`, `dense_fp64`, `confidence` (high, medium or low), `source` (URLs), `notes`. Case-insensitive; spaces and hyphens read as underscores.",
        example: '`"memory_bandwidth"`',
      },
    ],
    returns: "The catalog value: a number, text or TRUE/FALSE depending on the field.",
    errors: [
      E.unknownChip,
      [
        "#VALUE!",
        "field is not one of the names above.",
        "field must be one of id, vendor, name, …; got 'speed'",
      ],
      [
        "#N/A",
        "The value is not published for this chip.",
        "die_area of B200 (HGX B200, …) is not published",
      ],
      E.eccnNotChip,
    ],
    examples: [
      ['=EXPORTCTL.CHIP_SPEC("H100", "tpp")', "15832", ""],
      ['=EXPORTCTL.CHIP_SPEC("H200", "memory_bandwidth")', "4800", "GB/s."],
      ['=EXPORTCTL.CHIP_SPEC("H100", "source")', "URLs", "Where the figures come from."],
      [
        '=EXPORTCTL.CHIP_SPEC(A2:A20, {"vendor","tpp","confidence"})',
        "a table",
        "Fields across, chips down.",
      ],
    ],
    see: ["TPP", "PERFORMANCE_DENSITY"],
    regimeNote: "Catalog values do not depend on the regime or the date.",
  },
  {
    id: "REGIME",
    group: "Workbook",
    summary:
      "The workbook's default regime: the one chosen in the EXPORTCTL task pane, which every formula without a `regime` argument uses.",
    args: [],
    returns: 'Text: the regime id, e.g. `"enforced"` (when nothing is chosen).',
    errors: [],
    examples: [
      ["=EXPORTCTL.REGIME()", '"enforced"', "In a workbook where no regime was chosen."],
      [
        '="Results under " & EXPORTCTL.REGIME()',
        '"Results under enforced"',
        "A caption that follows the pane.",
      ],
    ],
    see: ["REGIMES"],
    regimeNote:
      "Change the regime in the task pane (Home > EXPORTCTL). The choice is saved in the workbook, and formulas recalculate.",
  },
  {
    id: "REGIMES",
    group: "Workbook",
    summary: "The regimes a formula can use, as a table.",
    args: [],
    returns:
      "A spilled table with a header row and one row per regime; columns: id, name, status, effective from, effective to.",
    errors: [],
    examples: [
      [
        "=EXPORTCTL.REGIMES()",
        "a 5 × 5 table",
        "Needs empty cells below and to the right (#SPILL! otherwise).",
      ],
      ["=INDEX(EXPORTCTL.REGIMES(), 0, 1)", "the ids", "The id column, header included."],
    ],
    see: ["REGIME"],
  },
  {
    id: "LEDGER",
    group: "Allowances",
    summary:
      "A whole shipment table evaluated the way an audit would: in date order, with running totals, so the row that crosses a limit is the row that needs a licence. Allowances accumulate per ultimate consignee and calendar year (LPP, the proposal's allowance); country allocations accumulate per destination.",
    args: [
      {
        name: "chips",
        type: "Range of text",
        desc: "Chip names or ECCNs, one per shipment.",
        example: "`A2:A50`",
      },
      {
        name: "destinations",
        type: "Range of text",
        desc: "Destination countries.",
        example: "`B2:B50`",
      },
      {
        name: "quantities",
        type: "Range of numbers",
        desc: "Units per shipment: a whole number >= 1. A blank cell in a row that has a chip is #VALUE! (omit the argument for 1 unit each).",
        example: "`C2:C50`",
      },
      {
        name: "end_user_hqs",
        type: "Range of text",
        desc: "End-user headquarters; a blank cell means the destination.",
        example: "`D2:D50`",
      },
      {
        name: "consignees",
        type: "Range of text",
        desc: 'Ultimate consignee names or ids: allowances add up per consignee and calendar year. Case, spaces and punctuation fold ("Acme Inc." and "ACME INC" are one consignee); a letter of another script is #VALUE!. A blank cell counts the shipment on its own.',
        example: "`E2:E50`",
      },
      {
        name: "dates",
        type: "Range of dates",
        desc: "Shipment dates (dates or ISO text); a blank cell means the workbook's as-of date.",
        example: "`F2:F50`",
      },
      A.regime,
      {
        ...A.shipFrom,
        name: "ship_froms",
        type: "Range of text, or one country",
        desc: "Ship-from country per shipment, or one country for every row; a blank cell means the United States. See `ship_from` on `REQUIRES_LICENSE`.",
        example: '`G2:G50`, `"MY"`',
      },
    ],
    returns:
      "A spilled table, one row per shipment in input order (no header row), with 5 columns: status (`NLR`, `EXCEPTION`, `LICENSE` or `INDETERMINATE`); license required (TRUE/FALSE, #N/A when indeterminate); exception; the consignee's allowance TPP this year including this shipment; the destination's country allocation TPP used including this shipment. Put your own headings above it.",
    errors: [
      [
        "#N/A or #VALUE!",
        "A row with a bad value (unknown chip or country, negative quantity, …) shows the error in all 5 cells of its row; the other rows are still evaluated.",
        "Unknown chip 'H1OO'. Did you mean H100?",
      ],
      E.regime,
    ],
    examples: [
      [
        '=EXPORTCTL.LEDGER(A2:A50, B2:B50, C2:C50, D2:D50, E2:E50, F2:F50, "diffusion-2025")',
        "a 49 × 5 table",
        "The shipment that takes a consignee over 26,900,000 TPP in a year shows LICENSE.",
      ],
      [
        "=EXPORTCTL.LEDGER(Shipments[Chip], Shipments[Country], Shipments[Qty], Shipments[HQ], Shipments[Consignee], Shipments[Date])",
        "a table",
        "With an Excel table; uses the workbook's regime.",
      ],
    ],
    see: ["REQUIRES_LICENSE", "LPP_REMAINING", "COUNTRY_ALLOCATION"],
  },
  {
    id: "SECTION_232_DUTY",
    group: "Duties and changes",
    summary:
      "The additional US import duty on an article (accelerator card, module, server) containing this chip, under the Section 232 semiconductor proclamation (Proclamation 11002, 91 FR 2443): 25% from 2026-01-15 for chips inside its two TPP / DRAM-bandwidth bands, unless an end-use exemption is claimed. It is an import duty, not an export control; it matters to exporters because the January 2026 China path requires third-party testing in the US, which imports the chip.",
    args: [
      {
        ...A.chipOrEccn,
        desc: "The logic IC the article is or contains: a catalog chip id, name or alias. An ECCN is accepted, but it does not give the chip's TPP or DRAM bandwidth, so the answer is `#N/A` whenever they decide it.",
      },
      {
        name: "end_use",
        optional: true,
        type: "Text (or a range)",
        def: "none claimed",
        desc: "An end-use exemption claimed at entry (HTS 9903.79.02 to .09): `us-datacenter` (US data centres), `us-repair` (repairs or replacements in the US), `us-rnd` (US research and development), `us-startup` (US startups), `consumer` (non-datacenter consumer uses), `industrial` (non-datacenter civil industrial uses), `us-public-sector`, `approved` (other uses Commerce finds support the US supply chain). The heading number itself (`9903.79.02`) is accepted too. The exemption's conditions are yours to meet.",
        example: '`"us-datacenter"`',
      },
      {
        name: "entry_date",
        optional: true,
        type: "Date (or a range)",
        def: "the workbook's as-of date (task pane), else today",
        desc: "Date of entry into the US: an Excel date or ISO date text. The duty applies to entries from 12:01 a.m. EST on 2026-01-15.",
        example: '`"2026-02-01"`',
      },
      {
        name: "hts",
        optional: true,
        type: "Text or number (or a range)",
        def: "a covered heading",
        desc: "The article's HTS number, with or without dots, to any depth. Covered: 8471.50, 8471.80 and 8473.30 (and their subdivisions); any other heading, such as a bare IC under 8542.31, gives 0. A number typed in a cell (8471.5) reads as 8471.50. A heading broader than those (`8471`, `8473.3` as text) holds covered and uncovered subheadings: `#N/A` when the chip is in a band. Chapter 98/99 provisions (`9903.79.01`) are not the article's number: `#VALUE!`.",
        example: '`"8471.80"`, `"8542.31"`',
      },
    ],
    returns:
      "Number: the additional duty as a fraction, `0.25` or `0`. **Format the cell as a percentage** (Home › Number › %) to read 25%. In a band means TPP > 14,000 and < 17,500 with total DRAM bandwidth > 4,500 and < 5,000 GB/s, or TPP > 20,800 and < 21,100 with DRAM bandwidth > 5,800 and < 6,200 GB/s (strict inequalities, Annex to the proclamation, confidence secondary). Open points the number does not reflect: the US-Taiwan quota terms (unpublished) and a Phase 2 never proclaimed as far as the sources show; the Section 122 surcharge of 2026-02-24 to 2026-07-23 did not stack with this duty. See `RULE_CHANGES` for the dated facts.",
    errors: [
      E.unknownChip,
      [
        "#N/A",
        "The chip's TPP or DRAM bandwidth is unknown and decides whether it is in a band (an ECCN instead of a chip, or a catalog chip without the figure). Not shown when the date, heading, exemption or the known figure already settle it.",
        "the DRAM bandwidth of … is unknown and decides the Section 232 duty (band TPP > 14,000 and < 17,500 with DRAM bandwidth > 4,500 and < 5,000 GB/s, Proclamation 11002)",
      ],
      [
        "#VALUE!",
        "end_use is not one of the exemption ids; the message lists them.",
        "end_use must be blank or one of us-datacenter, us-repair, us-rnd, us-startup, consumer, industrial, us-public-sector, approved; got 'datacentre'",
      ],
      [
        "#VALUE!",
        "hts is not an HTS number.",
        "hts must be an HTS number like 8471.50 or 8542.31.0001, got 'abc'",
      ],
      [
        "#VALUE!",
        "hts is a chapter 98/99 provision, not the article's number.",
        "hts must be the article's HTS number (chapters 1-97), not a chapter 98/99 provision; got '9903.79.01'",
      ],
      [
        "#N/A",
        "hts is a heading broader than the covered subheadings and the chip is in a band.",
        "HTS 8471 holds covered subheadings (8471.50, 8471.80, 8473.30) and others, and the chip is in a band: give the article's 6-digit subheading or more",
      ],
      [
        "#VALUE!",
        "entry_date is not a date.",
        "entry_date must be a date (a date cell or text like 2025-06-01), got 'soon'",
      ],
    ],
    examples: [
      [
        '=EXPORTCTL.SECTION_232_DUTY("H200 SXM", , "2026-02-01")',
        "0.25",
        "TPP 15,832 and 4,800 GB/s: in the first band. Shows 25% formatted as a percentage.",
      ],
      [
        '=EXPORTCTL.SECTION_232_DUTY("H200 SXM", "us-datacenter", "2026-02-01")',
        "0",
        "The US data-centre exemption (9903.79.02).",
      ],
      [
        '=EXPORTCTL.SECTION_232_DUTY("H100", , "2026-02-01")',
        "0",
        "DRAM bandwidth 3,350 GB/s: outside both bands.",
      ],
      [
        '=EXPORTCTL.SECTION_232_DUTY("H200 SXM", , "2026-01-14")',
        "0",
        "Before the duty took effect.",
      ],
      [
        '=EXPORTCTL.SECTION_232_DUTY("H200 SXM", , "2026-02-01", "8542.31")',
        "0",
        "A bare IC: not a covered heading.",
      ],
      [
        '=EXPORTCTL.SECTION_232_DUTY("3A090.a", , "2026-03-01")',
        "#N/A",
        "An ECCN does not give the TPP and bandwidth that decide it.",
      ],
      [
        "=C2 * EXPORTCTL.SECTION_232_DUTY(A2:A50, , D2:D50)",
        "one amount per row",
        "Duty amounts for a column of entered values (C) and entry dates (D).",
      ],
    ],
    see: ["EXPLAIN", "RULE_CHANGES", "CHIP_SPEC"],
    regimeNote:
      "SECTION_232_DUTY takes no regime: it is a US import duty, the same whatever export-control regime the workbook uses. `EXPLAIN` of a China shipment on the case-by-case path (`enforced`, from 2026-01-15) names this duty when the chip is in a band, because the required US testing imports it.",
  },
  {
    id: "RULE_CHANGES",
    group: "Duties and changes",
    table: true,
    summary:
      "What changed in the rules between two dates: every dated fact of the embedded rules data (country-group moves, thresholds, policies, licence exceptions, guidance, the Section 232 duty) in the window, with its citation and confidence, optionally only those touching a country. The list is read from the very data the other functions decide with: a fact not in the data is not in the list.",
    args: [
      {
        name: "from",
        optional: true,
        type: "Date",
        def: "one year before `to`",
        desc: "First date of the window, included: an Excel date or ISO date text.",
        example: '`"2025-01-01"`',
      },
      {
        name: "to",
        optional: true,
        type: "Date",
        def: "the workbook's as-of date (task pane), else today",
        desc: "Last date of the window, included.",
        example: '`"2026-11-30"`',
      },
      {
        ...A.country,
        optional: true,
        type: "Text",
        def: "every country",
        desc: "Only the changes that name this country or apply to every destination (thresholds, policies, the Section 232 duty); changes naming only other countries are left out. Hong Kong reads China's.",
      },
    ],
    returns:
      'A spilled table with a header row and one row per change, in date order, with 5 columns: date (ISO text), event, regimes affected (the regime ids whose answers read the fact, or `SECTION_232_DUTY` for the import duty), citation, confidence (`confirmed`, `secondary` or `unconfirmed`). A fact restated by a newer source on a later date (for example the eCFR table of 2026-07-23) has its own row, marked "source or confidence updated". Only the header row when nothing changed in the window.',
    errors: [
      [
        "#VALUE!",
        "from is after to, or a date argument is not a date or is a range of several cells.",
        "from (2026-01-01) must not be after to (2025-01-01)",
      ],
      E.unknownCountry,
    ],
    examples: [
      [
        '=EXPORTCTL.RULE_CHANGES("2025-01-01", "2026-11-30", "KH")',
        "a table",
        "Includes 2026-02-03, Cambodia (KH) leaves Country Group D:5, with its citation.",
      ],
      [
        '=EXPORTCTL.RULE_CHANGES("2026-01-01", "2026-01-31")',
        "a table",
        "The China/Macau case-by-case review and the Section 232 duty of 2026-01-15, among others.",
      ],
      [
        "=EXPORTCTL.RULE_CHANGES()",
        "a table",
        "The last 12 months up to the workbook's as-of date.",
      ],
    ],
    see: ["COUNTRY_GROUPS", "SECTION_232_DUTY", "REGIMES"],
    regimeNote:
      "RULE_CHANGES lists the changes of every regime; the third column says which regimes each one reaches. The task pane's **Compare dates** and the batch command's `--compare-as-of` name these rows as the cause of each changed verdict.",
  },
  {
    id: "SCREEN_PARTY",
    group: "Parties",
    summary:
      "Screens a party (consignee, end user, purchaser, intermediary) against the screening list you loaded in the task pane: the US government's Consolidated Screening List (CSL), which combines the Commerce lists (Entity List, Denied Persons List, Unverified List, Military End-User List) with the State and Treasury lists (SDN and others). The list stays on your machine. A match is a lead for due diligence, not a legal conclusion; no match is not a clearance.",
    args: [
      {
        name: "name",
        type: "Text (or a range)",
        desc: "The party's name as you have it. Case, accents, punctuation, legal-form words (Co., Ltd., LLC, GmbH, S.A., ...) and word order do not matter; alternate names on the list count. A name with a non-Latin letter (Cyrillic, Greek, CJK) is refused with #VALUE!: the list is in Latin script.",
        example: '`"Zephyrion Quantum Computing Co., Ltd."`, `A2:A500`',
      },
      {
        name: "country",
        optional: true,
        type: "Text (or a range)",
        desc: "Only entries with an address, nationality or citizenship in this country count, and entries listing no country. Hong Kong counts as China. Default: every country. Leave it empty unless you know where the party is: a listed party may receive goods anywhere.",
        example: '`"CN"`, `"China"`',
      },
      {
        name: "min_score",
        optional: true,
        type: "Number",
        desc: 'Lowest score that counts as a match, 1 to 100. Default **90**. The score is the Levenshtein similarity of the two normalised names, 100 × (1 − edits ÷ length of the longer), rounded: 100 is the same name after normalisation (an exact match); 90 allows one typing error in a name of 10 letters or more. A shared common word alone ("Technology") does not score 90. Words are also aligned in any order: a listed name within a longer name ("Brightwater Trading LLC (Dubai branch)"), written shorter or with a word changed (a dropped word, initials, an abbreviation, an inflection) is a possible match (never exact) when it shares the rarest own word of the listed name and at least half its words; trade, sector and place words alone never make one. Its score compares the aligned words.',
        example: "`95`, `85`",
      },
    ],
    returns:
      "Text. `MATCH: ...` (exact) or `POSSIBLE MATCH: ...; possible match: review` with the listed name (and the alternate name that matched), the source list, the listed countries, the score, the Federal Register citation (or the list's own rule), the Entity List licence requirement and policy, and the list's date and size; an Unverified List match adds the note on 15 CFR 744.15. `no match (list of DATE, N entries)` when nothing reaches min_score. \"\" for a blank name.",
    errors: [
      [
        "#N/A",
        "No screening list is loaded: load the CSL file in the task pane (Screening list).",
        "No screening list is loaded: load the Consolidated Screening List file in the task pane (Screening list)",
      ],
      [
        "#VALUE!",
        "A name with a non-Latin letter, a min_score outside 1-100.",
        "name 'Huаwei' holds the non-Latin letter 'а' (U+0430); ...",
      ],
      ["#N/A", "An unknown or ambiguous country.", "Unknown country 'Chnia'. Did you mean China?"],
    ],
    examples: [
      [
        '=EXPORTCTL.SCREEN_PARTY("Zephyrion Quantum Computng")',
        "POSSIBLE MATCH: ... score 96 ...",
        "One typing error: a close match, to review.",
      ],
      [
        "=EXPORTCTL.SCREEN_PARTY(E2:E500, B2:B500)",
        "a column",
        "Every consignee of a table, narrowed to each row's country.",
      ],
      [
        '=EXPORTCTL.SCREEN_PARTY("Contoso Widgets", , 95)',
        "no match (list of 2026-11-20, 27,000 entries)",
        "Says which list was searched.",
      ],
    ],
    see: ["EXPLAIN", "LEDGER"],
  },
];

const GROUPS = [
  "Shipments",
  "Chips",
  "Countries",
  "Allowances",
  "Duties and changes",
  "Parties",
  "Workbook",
];
const file = (id) => `${id.toLowerCase()}.html`;

// The traceability table (docs/traceability.json, generated by scripts/build-traceability.mjs): every
// paragraph the rules cite, the steps implementing it and the tests reaching it. EXPLAIN's page links
// each citation an explanation can show to its row, on the traceability page written from it.
const TRACE = JSON.parse(
  fs.readFileSync(
    path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "docs", "traceability.json"),
    "utf8"
  )
);

function citationsSection() {
  const kinds = [
    ["eccn", "ECCN paragraphs (Supp. No. 1 to part 774)"],
    ["cfr", "15 CFR paragraphs"],
    ["supp", "Supplements"],
    ["fr", "Federal Register documents"],
    ["other", "Guidance and other sources"],
  ];
  const groups = kinds
    .map(([kind, title]) => {
      const items = TRACE.paragraphs.filter((p) => p.kind === kind);
      if (!items.length) return "";
      return `        <h3>${esc(title)}</h3>
        <ul class="see">
${items.map((p) => `          <li><a href="traceability.html#${p.anchor}">${esc(p.id)}</a></li>`).join("\n")}
        </ul>`;
    })
    .filter(Boolean)
    .join("\n");
  return `      <section aria-labelledby="citations">
        <h2 id="citations">Citations</h2>
        <p>Each step of an explanation names its source. Every paragraph and document an explanation can cite is listed here; each links to its row in the <a href="traceability.html">traceability table</a>, which names the steps of the rules that implement it and the tests that prove them.</p>
${groups}
      </section>`;
}

function traceabilityPage() {
  const rows = TRACE.paragraphs
    .map(
      (p) =>
        `          <tr id="${p.anchor}"><th scope="row">${esc(p.id)}</th><td>${p.steps.map((s) => `<code>${esc(s)}</code>`).join("<br>")}</td><td>${p.tests.map((t) => `<code>${esc(t)}</code>`).join("<br>")}</td></tr>`
    )
    .join("\n");
  const main = `      <p class="crumbs"><a href="index.html">EXPORTCTL help</a> › <a href="explain.html">EXPLAIN</a></p>
      <h1>Traceability</h1>
      <p class="lead">From a paragraph of the regulation to the code that implements it and the tests that prove it. Generated from the rules module (docs/traceability.md); each citation in an explanation has its row here.</p>
      <table>
        <caption>Cited paragraphs and documents, the steps implementing them (file › function) and the test files reaching them</caption>
        <thead><tr><th scope="col">Paragraph</th><th scope="col">Implemented by</th><th scope="col">Tests</th></tr></thead>
        <tbody>
${rows}
        </tbody>
      </table>`;
  return page({
    title: "Traceability",
    current: "traceability",
    main,
    description: "Each cited paragraph with the code implementing it and the tests proving it.",
  });
}
const byId = Object.fromEntries(F.map((f) => [f.id, f]));

// ---------------------------------------------------------------- page parts

function syntax(f) {
  const parts = f.args.map((a) => (a.optional ? `[${a.name}]` : a.name));
  return `=EXPORTCTL.${f.id}(${parts.join(", ")})`;
}

function nav(current) {
  const groups = GROUPS.map((g) => {
    const items = F.filter((f) => f.group === g)
      .map(
        (f) =>
          `<li><a href="${file(f.id)}"${f.id === current ? ' aria-current="page"' : ""}>${f.id}</a></li>`
      )
      .join("\n          ");
    const gid = `nav-${g.toLowerCase().replace(/\s+/g, "-")}`;
    return `      <p class="group" id="${gid}">${g}</p>\n      <ul aria-labelledby="${gid}">\n          ${items}\n      </ul>`;
  }).join("\n");
  return `    <nav class="sidebar" aria-label="Functions">
      <p><a href="index.html"${current === "index" ? ' aria-current="page"' : ""}>Overview</a></p>
${groups}
    </nav>`;
}

function regimesTable(currentNote) {
  const rows = REGIMES.map(
    ([id, name, what]) =>
      `          <tr><th scope="row"><code>${id}</code></th><td>${esc(name)}</td><td>${esc(what)}</td></tr>`
  ).join("\n");
  return `      <section aria-labelledby="regimes">
        <h2 id="regimes">Regimes</h2>
${currentNote ? `        <p>${md(currentNote)}</p>\n` : ""}        <table>
          <caption>The regimes a <code>regime</code> argument takes</caption>
          <thead><tr><th scope="col">id</th><th scope="col">Name</th><th scope="col">What it applies</th></tr></thead>
          <tbody>
${rows}
          </tbody>
        </table>
        <p>Without a <code>regime</code> argument, formulas use the regime chosen in the task pane, else <code>enforced</code>. Without an <code>as_of</code> argument, they use the pane's as-of date, else today. A regime other than <code>enforced</code> applied to a date it was not in force on applies its rules as if they had been; the task pane and the workbench say so next to the answer.</p>
      </section>`;
}

const NOT_LEGAL_ADVICE =
  "EXPORTCTL is a tool to organise export-control analysis, <strong>not legal advice</strong>. Answers come from an embedded, dated rules module whose facts carry a confidence level; some rest on secondary or unconfirmed sources, and the rules change. It does not screen parties (Entity List, other restricted-party lists) or end uses (15 CFR 744). Confirm any decision with the regulations, BIS guidance and your counsel.";

function page({ title, current, main, description }) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="${esc(description)}">
  <title>${esc(title)} - EXPORTCTL help</title>
  <link rel="stylesheet" href="../theme.css">
  <link rel="stylesheet" href="help.css">
  <link rel="icon" type="image/png" href="../assets/icon-32.png">
</head>
<body>
  <a class="skip" href="#main">Skip to content</a>
  <header class="banner">
    <a class="brand" href="index.html"><img src="../assets/icon-32.png" alt="" width="32" height="32"><span>EXPORTCTL help</span></a>
    <span class="tagline">US export-control rules for AI chips, as Excel formulas</span>
  </header>
  <div class="layout">
${nav(current)}
    <main id="main">
${main}
    </main>
  </div>
  <footer>
    <p class="legal">${NOT_LEGAL_ADVICE}</p>
    <p>Copyright (c) 2026 EXPORTCTL contributors. MIT licence.</p>
  </footer>
</body>
</html>
`;
}

function functionPage(f) {
  const argRows = f.args
    .map(
      (a) => `          <tr>
            <th scope="row"><code>${a.name}</code></th>
            <td>${esc(a.type)}</td>
            <td>${a.optional ? `Optional. Default: ${md(a.def)}` : "Required"}</td>
            <td>${md(a.desc)}</td>
            <td>${md(a.example)}</td>
          </tr>`
    )
    .join("\n");
  const args = f.args.length
    ? `      <section aria-labelledby="arguments">
        <h2 id="arguments">Arguments</h2>
        <table>
          <caption>Arguments of ${f.id}, in order</caption>
          <thead><tr><th scope="col">Argument</th><th scope="col">Type</th><th scope="col">Required / default</th><th scope="col">Description</th><th scope="col">Example</th></tr></thead>
          <tbody>
${argRows}
          </tbody>
        </table>
${f.args.some((a) => a.optional) ? "        <p>Leave an optional argument empty (<code>,,</code>) or omit trailing ones to use its default. A blank cell in a range (empty, spaces, or 0 where text or a date is expected) also takes the default.</p>\n" : ""}${f.args.length && f.id !== "LEDGER" && !f.table ? "        <p>Any argument may be a range: the result spills in the broadcast shape (a column of chips against one destination gives a column of results), so a whole table is one formula. A bad row gives an error in its own cell only.</p>\n" : ""}      </section>`
    : `      <section aria-labelledby="arguments">
        <h2 id="arguments">Arguments</h2>
        <p>None.</p>
      </section>`;
  const errors = f.errors.length
    ? `      <section aria-labelledby="errors">
        <h2 id="errors">Errors</h2>
        <table>
          <caption>Error values and their messages (hover over or select the cell to read the message)</caption>
          <thead><tr><th scope="col">Error</th><th scope="col">When</th><th scope="col">Example message</th></tr></thead>
          <tbody>
${f.errors.map(([code, when, msg]) => `          <tr><th scope="row"><code>${esc(code)}</code></th><td>${md(when)}</td><td><samp>${esc(msg)}</samp></td></tr>`).join("\n")}
          </tbody>
        </table>
        <p>No other error escapes: anything unexpected is returned as <code>#VALUE!</code> with a message.</p>
      </section>`
    : `      <section aria-labelledby="errors">
        <h2 id="errors">Errors</h2>
        <p>None in normal use.</p>
      </section>`;
  const examples = `      <section aria-labelledby="examples">
        <h2 id="examples">Examples</h2>
        <table class="examples">
          <caption>Formulas and what they return</caption>
          <thead><tr><th scope="col">Formula</th><th scope="col">Result</th><th scope="col">Why</th></tr></thead>
          <tbody>
${f.examples.map(([formula, result, why]) => `          <tr><td><code>${esc(formula)}</code></td><td><samp>${esc(result)}</samp></td><td>${md(why)}</td></tr>`).join("\n")}
          </tbody>
        </table>
        <p class="note">Results depend on the embedded rules data and its version; the examples give explicit regimes and dates so they do not change with the task pane.</p>
      </section>`;
  const see = `      <section aria-labelledby="see-also">
        <h2 id="see-also">See also</h2>
        <ul class="see">
${f.see.map((id) => `          <li><a href="${file(id)}">${id}</a>: ${md(byId[id].summary.split(/(?<=\.)\s/)[0])}</li>`).join("\n")}
        </ul>
      </section>`;
  const main = `      <p class="crumbs"><a href="index.html">EXPORTCTL help</a> › ${f.group}</p>
      <h1><span class="ns">EXPORTCTL.</span>${f.id}</h1>
      <p class="lead">${md(f.summary)}</p>
      <section aria-labelledby="syntax">
        <h2 id="syntax">Syntax</h2>
        <pre class="syntax"><code>${esc(syntax(f))}</code></pre>
      </section>
      <section aria-labelledby="returns">
        <h2 id="returns">Returns</h2>
        <p>${md(f.returns)}</p>
      </section>
${args}
${errors}
${examples}
${f.id === "EXPLAIN" ? `${citationsSection()}\n` : ""}${regimesTable(f.regimeNote)}
${see}
      <aside class="callout" aria-label="Not legal advice"><p>${NOT_LEGAL_ADVICE}</p></aside>`;
  return page({ title: `EXPORTCTL.${f.id}`, current: f.id, main, description: f.summary });
}

function indexPage() {
  const list = GROUPS.map(
    (g) => `        <h3>${g}</h3>
        <table class="fnlist">
          <caption class="visually-hidden">${g} functions</caption>
          <thead class="visually-hidden"><tr><th scope="col">Function</th><th scope="col">What it returns</th></tr></thead>
          <tbody>
${F.filter((f) => f.group === g)
  .map(
    (f) =>
      `            <tr><th scope="row"><a href="${file(f.id)}"><code>${esc(syntax(f).slice(1))}</code></a></th><td>${md(f.summary.split(/(?<=\.)\s/)[0])}</td></tr>`
  )
  .join("\n")}
          </tbody>
        </table>`
  ).join("\n");
  const main = `      <h1>EXPORTCTL help</h1>
      <p class="lead">EXPORTCTL answers US export-control questions about AI chips inside Excel, as formulas: does this shipment need a licence, under which ECCN, which licence exception applies, how many H100-equivalents is it. Every answer comes from an embedded, dated and cited rules module; nothing leaves the workbook.</p>
      <section aria-labelledby="start">
        <h2 id="start">Getting started</h2>
        <ol>
          <li>Type <code>=EXPORTCTL.</code> in a cell: Excel lists the functions, with their arguments.</li>
          <li>Try <code>=EXPORTCTL.REQUIRES_LICENSE("H100", "AE", 2000)</code>, then <code>=EXPORTCTL.EXPLAIN("H100", "AE", 2000)</code> to see why.</li>
          <li>Open the task pane (Home › <strong>Export controls</strong> › <strong>EXPORTCTL</strong>) to choose the regime and the as-of date the workbook's formulas use, check a shipment under every regime side by side, or compare regimes over a shipment table.</li>
          <li>Point the functions at a whole table: <code>=EXPORTCTL.REQUIRES_LICENSE(A2:A500, B2:B500, C2:C500)</code> spills one result per row.</li>
        </ol>
      </section>
      <section aria-labelledby="functions">
        <h2 id="functions">Functions</h2>
${list}
      </section>
      <section aria-labelledby="conventions">
        <h2 id="conventions">Argument conventions</h2>
        <dl>
          <dt><code>chip</code></dt><dd>${md(A.chipOrEccn.desc)} Examples: ${md(A.chipOrEccn.example)}.</dd>
          <dt><code>destination</code>, <code>end_user_hq</code>, <code>country</code></dt><dd>${md(A.destination.desc)} <code>end_user_hq</code> defaults to the destination.</dd>
          <dt><code>quantity</code></dt><dd>A whole number of units >= 1; omitted: 1. A quantity cell left empty, or 0, is #VALUE!.</dd>
          <dt><code>regime</code></dt><dd>An id from the table below; default: the workbook's choice in the task pane, else <code>enforced</code>.</dd>
          <dt><code>as_of</code></dt><dd>An Excel date or ISO date text; default: the workbook's as-of date from the task pane, else today.</dd>
          <dt><code>prior_tpp</code></dt><dd>${md(A.priorTpp.desc)} Default 0.</dd>
          <dt><code>ship_from</code></dt><dd>${md(A.shipFrom.desc)} Default "US".</dd>
          <dt>Ranges</dt><dd>Every row-wise function broadcasts: any argument may be a range, and the result spills in the broadcast shape. A single cell, row or column expands to the largest shape (a column of chips against a row of countries gives a table). A bad row yields an error in its own cell, never in the whole array. A row whose required ranges are all blank gives an empty result, so you can point a formula at a table with room to grow, or at whole columns (A:A); an empty cell is blank whether Excel sends it as nothing or as 0. A row with some required cells filled and another blank is #VALUE! naming what is missing. Text with a letter of another script is #VALUE!; dates before 2000-01-01 are #VALUE!.</dd>
        </dl>
      </section>
      <section aria-labelledby="errors">
        <h2 id="errors">Errors</h2>
        <table>
          <caption>What the error values mean</caption>
          <thead><tr><th scope="col">Error</th><th scope="col">Meaning</th><th scope="col">Example message</th></tr></thead>
          <tbody>
            <tr><th scope="row"><code>#VALUE!</code></th><td>Wrong type or out-of-range input. The message names the argument and the value.</td><td><samp>quantity must be a whole number >= 1, got -5</samp></td></tr>
            <tr><th scope="row"><code>#N/A</code></th><td>Unknown chip or country (with the closest matches), a value the catalog does not publish, or INDETERMINATE: the sources leave the answer open, and the message says why.</td><td><samp>Unknown chip 'H1OO'. Did you mean H100?</samp></td></tr>
            <tr><th scope="row"><code>#N/A</code> (ranges)</th><td>Ranges of different sizes: the cells one range does not reach.</td><td><samp>quantity is a range of a different size than the other arguments</samp></td></tr>
            <tr><th scope="row"><code>#SPILL!</code></th><td>Excel's own: the cells a spilled result needs are not empty.</td><td></td></tr>
          </tbody>
        </table>
        <p>Select the cell (or hover over the error indicator) to read the message. <code>IFERROR</code> and <code>IFNA</code> work as usual.</p>
      </section>
${regimesTable()}
      <section aria-labelledby="glossary">
        <h2 id="glossary">Terms</h2>
        <dl>
          <dt>TPP</dt><dd>Total processing performance: 2 × MacTOPS × bit length, the highest over precisions (3A090 Technical Note).</dd>
          <dt>Performance density</dt><dd>TPP divided by the applicable die area in mm².</dd>
          <dt>H100-equivalent</dt><dd>TPP / 15,832, the TPP of one H100 SXM (dense).</dd>
          <dt>Confidence</dt><dd>Each fact in the rules module is <em>confirmed</em> (read in the regulation), <em>secondary</em> (from a reliable secondary source) or <em>unconfirmed</em>; a determination takes the weakest confidence of the facts it used, and explanations say so.</dd>
        </dl>
      </section>
      <aside class="callout" aria-label="Not legal advice"><p>${NOT_LEGAL_ADVICE}</p></aside>`;
  return page({
    title: "Overview",
    current: "index",
    main,
    description: "Help for the EXPORTCTL Excel add-in: functions, arguments, errors and regimes.",
  });
}

/**
 * Narrow screens: each body cell of a table with a header row gets data-label="<its column>"
 * (help.css shows it when rows stack), and code gets break opportunities after commas, brackets
 * and dots, so long formulas wrap between arguments rather than mid-word.
 */
function responsive(html) {
  const text = (cell) => cell.replace(/<[^>]+>/g, "").trim();
  html = html.replace(/<table[\s\S]*?<\/table>/g, (table) => {
    const head = /<thead>([\s\S]*?)<\/thead>/.exec(table);
    if (!head) return table;
    const labels = [...head[1].matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((m) => text(m[1]));
    return table.replace(/<tbody>([\s\S]*?)<\/tbody>/, (body) =>
      body.replace(/<tr>([\s\S]*?)<\/tr>/g, (row) => {
        let i = 0;
        return row.replace(/<(td|th)(\s[^>]*)?>/g, (tag, name, attrs = "") => {
          const label = labels[i++];
          return name === "td" && label ? `<td${attrs} data-label="${label}">` : tag;
        });
      })
    );
  });
  return html.replace(
    /<code>([\s\S]*?)<\/code>/g,
    (_, code) => `<code>${code.replace(/([,(.])(?=\S)/g, "$1<wbr>")}</code>`
  );
}

fs.writeFileSync(path.join(out, "index.html"), responsive(indexPage()));
for (const f of F) fs.writeFileSync(path.join(out, file(f.id)), responsive(functionPage(f)));
fs.writeFileSync(path.join(out, "traceability.html"), responsive(traceabilityPage()));
console.log(`wrote ${F.length + 3} files to ${out}`);
