/**
 * Tables: a grid of cells with row and column spans, relative column widths scaled to the text
 * width, header rows repeated on each page, 宋体 五号 text (style TableText). Rows never split
 * across pages (cantSplit); a short row span's rows stay together (keepNext, honoured by Word),
 * and a row span's label sits at the top of a first row tall enough to hold it, so a page break
 * cannot cut it (LibreOffice ignores keepNext inside tables).
 */
import {
  AlignmentType,
  BorderStyle,
  HeightRule,
  type IRunOptions,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { TEXT_WIDTH } from './style.ts';

export interface Cell {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
  /** Vertical alignment; by default centred, or top for a row span (see labelHeight). */
  valign?: 'top' | 'center';
}

export type Row = Cell[];

export interface TableOptions {
  /** Relative column widths. */
  widths: readonly number[];
  /** Rows at the top that are headers (bold, shaded, repeated on each page). */
  headerRows?: number;
  /** Table width in twips (default: the portrait text width). */
  width?: number;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT };
const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};

/** A cell shorthand. */
export function c(text: string, opts: Omit<Cell, 'text'> = {}): Cell {
  return { text, ...opts };
}

function scale(widths: readonly number[], total: number): number[] {
  const sum = widths.reduce((a, b) => a + b, 0);
  const out = widths.map((w) => Math.floor((w * total) / sum));
  out[out.length - 1] = (out[out.length - 1] ?? 0) + total - out.reduce((a, b) => a + b, 0);
  return out;
}

function run(text: string, bold: boolean): TextRun {
  const opts: IRunOptions = { text, bold }; // typed: TextRun(string | options) confuses the deprecation lint
  return new TextRun(opts);
}

/** keepNext in every paragraph of a row keeps the row on the page of the next one (Word, LibreOffice). */
function paragraphs(cell: Cell, header: boolean, keepNext: boolean): Paragraph[] {
  return cell.text.split('\n').map(
    (line) =>
      new Paragraph({
        style: 'TableText',
        alignment: ALIGN[cell.align ?? 'center'],
        keepNext: keepNext || undefined,
        children: [run(line, header || cell.bold === true)],
      }),
  );
}

/** A row span of at most this many rows is kept on one page; a longer one may break (label at top). */
export const KEEP_ROWS = 8;

/**
 * Rows to keep with the next one: header rows (with the first body row) and every row of a row
 * span of at most KEEP_ROWS rows but its last, so a short group's merged label never splits.
 */
function keeps(rows: readonly Row[], headerRows: number): boolean[] {
  const keep = rows.map((_, r) => r < headerRows);
  rows.forEach((row, r) => {
    for (const cell of row) {
      const span = cell.rowSpan ?? 1;
      if (span <= 1 || span > KEEP_ROWS) continue;
      for (let k = r; k < r + span - 1; k++) keep[k] = true;
    }
  });
  return keep;
}

/** A row-spanning label sits at the top of its first row unless told otherwise. */
function topAligned(cell: Cell): boolean {
  return cell.valign === 'top' || (cell.valign === undefined && (cell.rowSpan ?? 1) > 1);
}

const CJK_WIDTH = 210; // 五号 (10.5pt) full-width character, twips
const LINE_HEIGHT = 330; // TableText line (1.25 × single) of 五号 宋体, twips
const PADDING = 60 + 60; // cell margins top + bottom, and left + right

/** Lines the text takes in a column `width` twips wide (full-width characters count double). */
function lineCount(text: string, width: number): number {
  const inner = Math.max(width - PADDING, CJK_WIDTH);
  return text.split('\n').reduce((k, line) => {
    let w = 0;
    for (const ch of line) w += ch.charCodeAt(0) > 0x2e7f ? CJK_WIDTH : CJK_WIDTH / 2;
    return k + Math.max(1, Math.ceil(w / inner));
  }, 0);
}

/**
 * The height a row must have so the top-aligned labels it starts fit in it: a row never splits, so
 * a page break can then fall only below the whole label, never through it (LibreOffice otherwise
 * cuts a merged cell's text at the page end: "A2 部门职" / "能").
 */
function labelHeight(row: Row, widths: readonly number[]): number | undefined {
  let lines = 0;
  row.forEach((cell, i) => {
    if (topAligned(cell)) lines = Math.max(lines, lineCount(cell.text, widths[i] ?? 0));
  });
  return lines > 1 ? lines * LINE_HEIGHT + PADDING : undefined;
}

/**
 * Column start of each cell, skipping the columns that row spans from above still cover.
 * Returns per row the starting column of each cell.
 */
function layout(rows: readonly Row[]): number[][] {
  const covered: number[] = []; // per column: rows still covered by a span from above
  return rows.map((row) => {
    let col = 0;
    const starts = row.map((cell) => {
      while ((covered[col] ?? 0) > 0) col++;
      const start = col;
      const span = cell.colSpan ?? 1;
      for (let k = 0; k < span; k++) covered[col + k] = cell.rowSpan ?? 1;
      col += span;
      return start;
    });
    for (let k = 0; k < covered.length; k++) covered[k] = Math.max(0, (covered[k] ?? 0) - 1);
    return starts;
  });
}

/** Builds the table. Cells covered by a row span are left out of the following rows. */
export function table(rows: readonly Row[], opts: TableOptions): Table {
  const cols = scale(opts.widths, opts.width ?? TEXT_WIDTH);
  const starts = layout(rows);
  const headerRows = opts.headerRows ?? 1;
  const keep = keeps(rows, headerRows);
  return new Table({
    width: { size: cols.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: cols,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    rows: rows.map((row, r) => {
      const header = r < headerRows;
      const widths = row.map((cell, i) => {
        const start = starts[r]?.[i] ?? 0;
        return cols.slice(start, start + (cell.colSpan ?? 1)).reduce((a, b) => a + b, 0);
      });
      const height = labelHeight(row, widths);
      return new TableRow({
        tableHeader: header ? true : undefined, // any w:tblHeader, even false, reads as a header row
        cantSplit: true,
        height: height === undefined ? undefined : { value: height, rule: HeightRule.ATLEAST },
        children: row.map((cell, i) => {
          const span = cell.colSpan ?? 1;
          const w = widths[i] ?? 0;
          return new TableCell({
            children: paragraphs(cell, header, keep[r] === true),
            columnSpan: span > 1 ? span : undefined,
            rowSpan: (cell.rowSpan ?? 1) > 1 ? cell.rowSpan : undefined,
            width: { size: w, type: WidthType.DXA },
            verticalAlign: topAligned(cell) ? VerticalAlignTable.TOP : VerticalAlignTable.CENTER,
            margins: { top: 30, bottom: 30, left: 60, right: 60 },
            shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } : undefined,
          });
        }),
      });
    }),
  });
}
