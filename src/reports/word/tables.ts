/**
 * Tables: a grid of cells with row and column spans, relative column widths scaled to the text
 * width, header rows repeated on each page, 宋体 五号 text (style TableText).
 */
import {
  AlignmentType,
  BorderStyle,
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

function paragraphs(cell: Cell, header: boolean): Paragraph[] {
  return cell.text.split('\n').map(
    (line) =>
      new Paragraph({
        style: 'TableText',
        alignment: ALIGN[cell.align ?? 'center'],
        children: [run(line, header || cell.bold === true)],
      }),
  );
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
  return new Table({
    width: { size: cols.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: cols,
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    rows: rows.map((row, r) => {
      const header = r < headerRows;
      return new TableRow({
        tableHeader: header ? true : undefined, // any w:tblHeader, even false, reads as a header row
        cantSplit: true,
        children: row.map((cell, i) => {
          const start = starts[r]?.[i] ?? 0;
          const span = cell.colSpan ?? 1;
          const w = cols.slice(start, start + span).reduce((a, b) => a + b, 0);
          return new TableCell({
            children: paragraphs(cell, header),
            columnSpan: span > 1 ? span : undefined,
            rowSpan: (cell.rowSpan ?? 1) > 1 ? cell.rowSpan : undefined,
            width: { size: w, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            margins: { top: 30, bottom: 30, left: 60, right: 60 },
            shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E7E6E6' } : undefined,
          });
        }),
      });
    }),
  });
}
