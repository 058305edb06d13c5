// Realistic, seeded shipment tables for the bench and the CLI timing: the chips, destinations,
// quantities, headquarters, consignees, dates and regimes a trade-compliance sheet holds, drawn
// from a small seeded RNG so every run sees the same rows.

/** mulberry32: tiny, fast, good enough for test data. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// As users type them: short names, vendor-prefixed names, full catalog names.
export const CHIPS = [
  "H100",
  "H100 PCIe",
  "H200",
  "B200",
  "GB200 per GPU", // "GB200" alone is refused: one GPU or a 2-GPU superchip?
  "A100",
  "A800",
  "H800",
  "H20",
  "L20",
  "L40S",
  "L4",
  "RTX 4090",
  "RTX 4090 D",
  "MI300X",
  "MI325X",
  "MI250X",
  "Gaudi 3",
  "TPU v6e",
  "nvidia b100",
];

// ~40 destinations: codes mostly, a few names and aliases as people type them.
export const COUNTRIES = [
  "CN",
  "HK",
  "MO",
  "AE",
  "SA",
  "IN",
  "DE",
  "SG",
  "MY",
  "VN",
  "KH",
  "IL",
  "IR",
  "RU",
  "US",
  "GB",
  "FR",
  "JP",
  "KR",
  "TW",
  "NL",
  "IE",
  "CA",
  "AU",
  "BR",
  "MX",
  "TR",
  "ID",
  "TH",
  "PH",
  "PK",
  "EG",
  "QA",
  "KW",
  "BY",
  "PL",
  "IT",
  "ES",
  "SE",
  "CH",
  "United Arab Emirates",
  "Viet Nam",
];

const QUANTITIES = [
  1, 2, 4, 8, 16, 32, 64, 100, 128, 256, 500, 512, 1000, 1024, 1699, 1700, 2000, 4096, 8192, 10000,
];
const REGIMES = [
  "enforced",
  "enforced",
  "enforced",
  "baseline-2023",
  "diffusion-2025",
  "proposal-500",
];
const HQ_OTHER = ["US", "CN", "", "", "", "", "", "", "GB", "SG"];

/** Excel date serial (1900 date system) of a UTC calendar date. */
export function excelSerial(y, m, d) {
  return Date.UTC(y, m - 1, d) / 86400000 + 25569;
}
export function isoOfSerial(serial) {
  return new Date((serial - 25569) * 86400000).toISOString().slice(0, 10);
}

const FIRST = excelSerial(2022, 1, 1);
const LAST = excelSerial(2026, 12, 31);

/**
 * n rows as plain objects, plus the same rows as the column ranges Excel passes to a custom
 * function (one n x 1 2-D array per argument; dates as serial numbers).
 * `typical`: a narrower log, as one company keeps it: 10 chips, 15 destinations, HQ mostly blank,
 * dates 2024 to mid-2026, the regime column blank (the workbook's choice), no prior TPP.
 */
export function shipmentTable(n, seed, { typical = false } = {}) {
  if (typical) return typicalTable(n, seed);
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const consignees = Array.from(
    { length: Math.max(50, Math.floor(n / 50)) },
    (_, i) => `consignee-${i}`
  );
  const rows = new Array(n);
  for (let i = 0; i < n; i++) {
    const destination = pick(COUNTRIES);
    const hqRoll = pick(HQ_OTHER);
    rows[i] = {
      chip: pick(CHIPS),
      destination,
      quantity: r() < 0.8 ? pick(QUANTITIES) : 1 + Math.floor(r() * 3000),
      hq: hqRoll,
      consignee: pick(consignees),
      date: FIRST + Math.floor(r() * (LAST - FIRST + 1)),
      regime: pick(REGIMES),
      prior: r() < 0.85 ? 0 : Math.floor(r() * 2000) * 15832,
    };
  }
  const col = (key) => rows.map((row) => [row[key]]);
  return {
    rows,
    columns: {
      chip: col("chip"),
      destination: col("destination"),
      quantity: col("quantity"),
      hq: col("hq"),
      consignee: col("consignee"),
      date: col("date"),
      regime: col("regime"),
      prior: col("prior"),
    },
  };
}

function typicalTable(n, seed) {
  const r = rng(seed);
  const pick = (list) => list[Math.floor(r() * list.length)];
  const chips = CHIPS.slice(0, 10);
  const countries = COUNTRIES.slice(0, 15);
  const first = excelSerial(2024, 1, 1);
  const last = excelSerial(2026, 6, 30);
  const rows = Array.from({ length: n }, () => ({
    chip: pick(chips),
    destination: pick(countries),
    quantity: pick(QUANTITIES),
    hq: r() < 0.9 ? "" : "CN",
    consignee: `consignee-${Math.floor(r() * 200)}`,
    date: first + Math.floor(r() * (last - first + 1)),
    regime: "",
    prior: 0,
  }));
  const col = (key) => rows.map((row) => [row[key]]);
  const columns = {};
  for (const key of [
    "chip",
    "destination",
    "quantity",
    "hq",
    "consignee",
    "date",
    "regime",
    "prior",
  ])
    columns[key] = col(key);
  return { rows, columns };
}

/** The table as a CSV file with the columns the CLI and examples/shipments.csv use. */
export function shipmentCsv(rows) {
  const lines = ["Chip,Destination,Quantity,HQ,Consignee,Date"];
  for (const row of rows) {
    const q = (s) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
    lines.push(
      [
        q(row.chip),
        q(row.destination),
        row.quantity,
        q(row.hq),
        q(row.consignee),
        isoOfSerial(row.date),
      ].join(",")
    );
  }
  return lines.join("\n") + "\n";
}
