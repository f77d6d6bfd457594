/**
 * A .docx made from a `ReportDocument` the way a person would have typed the report in Word, for
 * running the checker on .docx versions of the seed report texts: real heading styles, tables with
 * real merged cells (the blank label cells of a text export turned back into vertical merges) and
 * a manual page break every so many paragraphs, so that the reader sees pages.
 */
import {
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Cell, ReportDocument, Table as DocTable } from '../../src/checker/document.ts';

const FONT = { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: '宋体', cs: 'Times New Roman' };
/** Text width of an A4 page with Word's default margins, in twips. */
const TABLE_WIDTH = 9000;

const LEVELS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** The heading level (1-based) a paragraph gets: from its style name, else "一、…" 1 and "（一）…" 2. */
export function headingLevel(text: string, style?: string): number | undefined {
  const named = style === undefined ? null : /^(?:heading|标题)\s*(\d)$/i.exec(style.trim());
  if (named?.[1] !== undefined) return Math.min(LEVELS.length, Math.max(1, Number(named[1])));
  if (/^[一二三四五六七八九十]+、/.test(text)) return 1;
  if (/^[（(][一二三四五六七八九十]+[）)]/.test(text)) return 2;
  return undefined;
}

/**
 * The table with the blank cells that lead a row (nothing but blanks to their left) turned into
 * vertical merges of the non-empty cell right above them, when that cell starts at the same column
 * with the same width — how a text export shows the merged 一级/二级指标 of an indicator table.
 * Rows of blanks only are kept as they are. The input is not changed.
 */
export function mergeBlanksDown(table: DocTable): DocTable {
  /** By row and grid column: the (output) cell covering that slot. */
  const owners: Cell[][] = [];
  const starts = new Map<Cell, number>();
  const rows = table.rows.map((row, r) => {
    const kept: Cell[] = [];
    const line = (owners[r] ??= []);
    let leading = row.some((cell) => cell.text.trim() !== '');
    let c = 0;
    for (const source of row) {
      while (line[c] !== undefined) c++;
      const across = Math.max(1, source.colSpan);
      const down = Math.max(1, source.rowSpan);
      const above = owners[r - 1]?.[c];
      let cell: Cell;
      if (
        leading &&
        source.text.trim() === '' &&
        above !== undefined &&
        above.text.trim() !== '' &&
        starts.get(above) === c &&
        Math.max(1, above.colSpan) === across
      ) {
        // the slot (r, c) is free, so `above` ends on the row before: it now reaches down here
        above.rowSpan = Math.max(1, above.rowSpan) + down;
        cell = above;
      } else {
        leading = false;
        cell = { text: source.text, colSpan: across, rowSpan: down };
        kept.push(cell);
        starts.set(cell, c);
      }
      for (let dr = 0; dr < down; dr++)
        for (let dc = 0; dc < across; dc++) (owners[r + dr] ??= [])[c + dc] = cell;
      c += across;
    }
    return kept;
  });
  return { ...table, rows };
}

function runs(text: string): TextRun[] {
  return [new TextRun({ text, font: FONT })];
}

function paragraph(text: string, style?: string): Paragraph {
  const level = headingLevel(text, style);
  return new Paragraph({
    children: runs(text),
    ...(level === undefined ? {} : { heading: LEVELS[level - 1] }),
  });
}

function table(source: DocTable): Table {
  const width = Math.max(
    1,
    ...source.rows.map((row) => row.reduce((n, cell) => n + Math.max(1, cell.colSpan), 0)),
  );
  const column = Math.floor(TABLE_WIDTH / width);
  return new Table({
    width: { size: column * width, type: WidthType.DXA },
    columnWidths: Array.from({ length: width }, () => column),
    rows: source.rows.map(
      (row) =>
        new TableRow({
          children: row.map((cell) => {
            const lines = cell.text.split('\n');
            return new TableCell({
              children: lines.map((line) => new Paragraph({ children: line === '' ? [] : runs(line) })),
              columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
              rowSpan: cell.rowSpan > 1 ? cell.rowSpan : undefined,
            });
          }),
        }),
    ),
  });
}

/**
 * The document as a .docx: paragraphs (headings as Word headings), tables with their merges — and
 * the blank leading cells merged down (`mergeBlanksDown`) — and a page break (a paragraph holding
 * only the break, as Ctrl+Enter makes) before every `pageEvery`-th paragraph after the first page.
 */
export async function docxFromDocument(
  doc: ReportDocument,
  options: { pageEvery?: number } = {},
): Promise<Uint8Array> {
  const pageEvery = Math.max(1, options.pageEvery ?? 40);
  const children: (Paragraph | Table)[] = [];
  let paragraphs = 0;
  for (const block of doc.blocks) {
    if (block.kind === 'table') {
      children.push(table(mergeBlanksDown(block)));
      continue;
    }
    if (paragraphs > 0 && paragraphs % pageEvery === 0)
      children.push(new Paragraph({ children: [new PageBreak()] }));
    paragraphs++;
    children.push(paragraph(block.text, block.style));
  }
  const file = new Document({ creator: 'jixiao tests', title: doc.name, sections: [{ children }] });
  const buf = await Packer.toBuffer(file);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
