import { formatKb } from "@/lib/model/size";
import type { Row } from "./scorer";

const pct = (fraction: number) => (fraction * 100).toFixed(2);

export interface Column {
  header: string;
  cell: (row: Row) => string;
}

export const COLUMNS: Column[] = [
  { header: "version", cell: (r) => r.version },
  { header: "params", cell: (r) => r.parameters.toLocaleString("en-US") },
  { header: "nonzero", cell: (r) => r.nonzero.toLocaleString("en-US") },
  { header: "bytes", cell: (r) => r.bytes.toLocaleString("en-US") },
  { header: "size", cell: (r) => formatKb(r.bytes) },
  { header: "lab %", cell: (r) => pct(r.labAccuracy) },
  { header: "public %", cell: (r) => pct(r.publicAccuracy) },
  { header: "private %", cell: (r) => pct(r.privateAccuracy) },
  // The boards' figure: private accuracy in percent per KB (1 KB = 1000 bytes).
  { header: "%/KB", cell: (r) => (r.accuracyPerKb * 100).toFixed(1) },
  { header: "time", cell: (r) => (r.ms > 0 ? `${(r.ms / 1000).toFixed(0)} s` : "-") },
];

/** Columns that compare each row with a reference row (the shrink round's baseline). */
export function versusColumns(reference: Row): Column[] {
  return [
    { header: "size ratio", cell: (r) => (r.bytes / reference.bytes).toFixed(3) },
    {
      header: "Δ private pts",
      cell: (r) => {
        const delta = (r.privateAccuracy - reference.privateAccuracy) * 100;
        return `${delta >= 0 ? "+" : ""}${delta.toFixed(2)}`;
      },
    },
  ];
}

const NUMERIC = /^[-+]?[\d,.]+( (KB|s))?$|^-$/;

export function printTable(title: string, rows: readonly Row[], columns: readonly Column[]): void {
  const cells = rows.map((row) => columns.map((c) => c.cell(row)));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((line) => line[i]!.length)),
  );
  const format = (line: readonly string[]) =>
    line
      .map((cell, i) =>
        i > 0 && NUMERIC.test(cell) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!),
      )
      .join("  ")
      .trimEnd();
  console.log(`\n${title}`);
  console.log(format(columns.map((c) => c.header)));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const line of cells) console.log(format(line));
  for (const row of rows) if (row.note) console.log(`  ${row.version}: ${row.note}`);
}
