/**
 * A report as handed in (绩效评价报告 / 自评表), read into what the checker works on: its blocks in
 * order — paragraphs and tables — each with where it stands in the file, so that every figure the
 * checker finds can be quoted with its position ("第3页", "第120行"). The readers (./read-txt.ts,
 * ./read-docx.ts) never throw on bad input except a `ReadError` with a Chinese message.
 */

/** Where a block stands: the page (Word's page breaks, when the file has them) and/or the line. */
export interface Position {
  /** 1-based page, from explicit and last-rendered page breaks in a .docx; absent in a .txt. */
  page?: number;
  /** 1-based line of a .txt, or 1-based paragraph number of a .docx (tables count as one). */
  line: number;
}

export interface Paragraph {
  kind: 'paragraph';
  /** The text, whitespace runs collapsed to one space, trimmed. */
  text: string;
  /** Word's paragraph style name when known ("Heading 1", "标题 2"), for headings. */
  style?: string;
  at: Position;
}

export interface Cell {
  text: string;
  /** Columns this cell spans (Word's gridSpan); 1 when absent. */
  colSpan: number;
  /** Rows this cell spans, from vertical merges (the merged-away cells are not listed); 1 when absent. */
  rowSpan: number;
}

export interface Table {
  kind: 'table';
  /** Rows of cells as written, merged cells once (see colSpan/rowSpan). */
  rows: Cell[][];
  at: Position;
}

export type Block = Paragraph | Table;

export interface ReportDocument {
  /** The file's name, for messages. */
  name: string;
  format: 'txt' | 'docx';
  blocks: Block[];
  /** What the reader noticed and could not use (an unreadable part, an odd encoding). */
  notes: string[];
}

/** A file that cannot be read at all: the message says why, in Chinese. */
export class ReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReadError';
  }
}

/** "第3页" / "第120行" / "第3页第12段" for a quote. */
export function describePosition(at: Position, format: ReportDocument['format']): string {
  if (format === 'txt') return `第${String(at.line)}行`;
  return at.page === undefined ? `第${String(at.line)}段` : `第${String(at.page)}页`;
}

/**
 * Each table as a full grid: a merged cell's text repeated in every slot it covers, so that a
 * three-level indicator table (一级 / 二级 / 三级 merged down) reads row by row.
 */
export function tableGrid(table: Table): string[][] {
  const grid: string[][] = [];
  table.rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row) {
      while (grid[r]?.[c] !== undefined) c++;
      for (let dr = 0; dr < Math.max(1, cell.rowSpan); dr++)
        for (let dc = 0; dc < Math.max(1, cell.colSpan); dc++) {
          const line = (grid[r + dr] ??= []);
          line[c + dc] = cell.text;
        }
      c += Math.max(1, cell.colSpan);
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_v, i) => row[i] ?? ''));
}
