// Test doubles for the pane: the page itself, Office document settings, and an Excel workbook
// built from office-addin-mock objects (load()/sync() semantics enforced) over a grid of cells.
import * as fs from "fs";
import * as path from "path";
import { OfficeMockObject } from "office-addin-mock";
import type { DocumentSettingsStore } from "../../src/settings/document-store";
import { address } from "../../src/taskpane/shipment-table";

/** Puts the body of src/taskpane/taskpane.html into the jsdom document (no scripts run). */
export function loadPaneHtml(): void {
  const html = fs.readFileSync(path.join(__dirname, "..", "..", "src", "taskpane", "taskpane.html"), "utf8");
  const parsed = new DOMParser().parseFromString(html, "text/html");
  document.head.innerHTML = "";
  document.body.innerHTML = parsed.body.innerHTML;
}

export function fakeSettings(initial: Record<string, unknown> = {}, status = "succeeded") {
  const data = new Map<string, unknown>(Object.entries(initial));
  let saves = 0;
  const store: DocumentSettingsStore = {
    get: (k) => (data.has(k) ? data.get(k) : null),
    set: (k, v) => void data.set(k, v),
    remove: (k) => void data.delete(k),
    saveAsync: (cb) => {
      saves++;
      cb?.({ status });
    },
  };
  return { store, data, saves: () => saves };
}

type Grid = unknown[][];

export interface FakeSheet {
  name: string;
  grid: Grid;
  charts: { type: string; source: string; seriesBy: string; title: { text: string }; legend: { visible: boolean }; position?: [string, string] }[];
  bold: string[];
}

export interface WorkbookOptions {
  /** The selected block on the first sheet: [row, col, rows, cols], 0-based. */
  selection: [number, number, number, number];
  /** Number of Excel tables (ListObjects) the selection touches. */
  tables?: number;
  sheetName?: string;
  otherSheets?: string[];
}

/**
 * An Excel namespace stand-in whose run() hands over an OfficeMockObject context. Ranges are
 * OfficeMockObjects created on demand over the grid: reading values needs load() + sync(); writes
 * to values/formulas are applied to the grid after each sync, in the order the ranges were made.
 */
export function fakeExcel(cells: Grid, options: WorkbookOptions) {
  const sheets = new Map<string, FakeSheet>();
  const first: FakeSheet = { name: options.sheetName ?? "Shipments", grid: cells.map((r) => [...r]), charts: [], bold: [] };
  sheets.set(first.name, first);
  for (const name of options.otherSheets ?? []) sheets.set(name, { name, grid: [], charts: [], bold: [] });
  const created: { mock: any; sheet: FakeSheet; r: number; c: number; initial?: unknown }[] = [];
  const calculations: string[] = [];
  let active = first.name;

  const cell = (s: FakeSheet, r: number, c: number) => s.grid[r]?.[c] ?? "";
  const put = (s: FakeSheet, r: number, c: number, v: unknown) => {
    while (s.grid.length <= r) s.grid.push([]);
    const row = s.grid[r];
    while (row.length <= c) row.push("");
    row[c] = v;
  };
  const usedBounds = (s: FakeSheet) => {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    s.grid.forEach((row, r) =>
      row.forEach((v, c) => {
        if (v === "" || v === null || v === undefined) return;
        top = Math.min(top, r); left = Math.min(left, c); bottom = Math.max(bottom, r); right = Math.max(right, c);
      })
    );
    return bottom < 0 ? null : { top, left, rows: bottom - top + 1, cols: right - left + 1 };
  };
  const notFound = () => Object.assign(new Error("The requested resource doesn't exist."), { code: "ItemNotFound" });

  function worksheet(s: FakeSheet): any {
    return {
      name: s.name,
      getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => range(s, r, c, rows, cols),
      getUsedRange: () => {
        const b = usedBounds(s);
        if (!b) throw notFound();
        return range(s, b.top, b.left, b.rows, b.cols);
      },
      activate: () => void (active = s.name),
      charts: {
        add: (type: string, source: any, seriesBy: string) => {
          const chart = {
            type,
            source: source.__address,
            seriesBy,
            title: { text: "" },
            legend: { visible: true },
            setPosition(a: string, b: string) {
              this.position = [a, b];
            },
          } as FakeSheet["charts"][number] & { setPosition(a: string, b: string): void };
          s.charts.push(chart);
          return chart;
        },
      },
    };
  }

  function range(s: FakeSheet, r: number, c: number, rows: number, cols: number): any {
    const values = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => cell(s, r + i, c + j)));
    const where = address(r, c, rows, cols);
    const mock = new OfficeMockObject({
      values,
      rowIndex: r,
      columnIndex: c,
      rowCount: rows,
      columnCount: cols,
      address: `${s.name}!${where}`,
      worksheet: worksheet(s),
      format: {
        font: { bold: false },
        autofitColumns: () => undefined,
      },
      clear: () => {
        for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (s.grid[r + i]?.[c + j] !== undefined) put(s, r + i, c + j, "");
      },
      getUsedRange: () => {
        const b = usedBounds(s);
        if (!b) throw notFound();
        const top = Math.max(r, b.top), left = Math.max(c, b.left);
        const bottom = Math.min(r + rows, b.top + b.rows), right = Math.min(c + cols, b.left + b.cols);
        if (bottom <= top || right <= left) throw notFound();
        return range(s, top, left, bottom - top, right - left);
      },
      getTables: () => ({ getCount: () => ({ value: options.tables ?? 0 }) }),
    }) as any;
    mock.__address = `${s.name}!${where}`;
    created.push({ mock, sheet: s, r, c, initial: values });
    return mock;
  }

  /** Applies what the code wrote to ranges since the last flush. */
  let flushed = 0;
  function flush() {
    for (; flushed < created.length; flushed++) {
      const { mock, sheet, r, c, initial } = created[flushed];
      const write = Array.isArray(mock.formulas) ? mock.formulas : Array.isArray(mock.values) && mock.values !== initial ? mock.values : null;
      if (write) write.forEach((row: unknown[], i: number) => row.forEach((v, j) => put(sheet, r + i, c + j, v)));
      if (mock.format?.font?.bold === true) sheet.bold.push(mock.__address);
    }
  }

  const context = new OfficeMockObject({
    workbook: {
      getSelectedRange: () => range(first, ...options.selection),
      worksheets: {
        add: (name: string) => {
          if (sheets.has(name)) throw new Error(`sheet ${name} exists`);
          const s: FakeSheet = { name, grid: [], charts: [], bold: [] };
          sheets.set(name, s);
          return worksheet(s);
        },
        getItemOrNullObject: (name: string) => {
          const probe = new OfficeMockObject({ isNullObject: !sheets.has(name) });
          created.push({ mock: probe, sheet: first, r: 0, c: 0 });
          return probe;
        },
      },
      application: { calculate: (type: string) => void calculations.push(type) },
    },
  }) as any;
  // Objects made on demand are not children of the context: sync them too, then apply writes.
  context.sync = async () => {
    for (const { mock } of created) await mock.sync();
    await new Promise((resolve) => setTimeout(resolve, 0));
    // Writes become visible only at the next flush, so they are applied in creation order.
    flush();
  };
  const excel = new OfficeMockObject({
    run: async function (this: any, batch: (ctx: any) => Promise<unknown>) {
      const result = await batch(this.context);
      flush();
      return result;
    },
  }) as any;
  excel.context = context;
  return { excel, sheets, calculations, active: () => active };
}
