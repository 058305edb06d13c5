// Shipment tables, beneath the command line, the task pane and the workbench: header recognition
// (headers.ts), cell typing in a locale (cells.ts), CSV reading and writing (csv.ts), workbook
// rows (sheet.ts) and the check itself over the custom functions (check.ts).
export * from "./headers";
export * from "./cells";
export * from "./csv";
export * from "./sheet";
export * from "./check";
