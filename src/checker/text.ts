/**
 * The report as a sequence of lines to read figures from — paragraphs and the cells of tables that
 * are not indicator tables — each with where it stands; and the small parsers of written numbers
 * the extractors share.
 */
import { type Rat, ZERO, add, parseDecimal, toPlain } from '../core/decimal/index.ts';
import { type Block, type ReportDocument, describePosition } from './document.ts';

export interface Line {
  text: string;
  /** "第3页", "第120行", "第12段"; a table's cell says "…的表格". */
  where: string;
  /** Index of the block in the document. */
  block: number;
}

export function whereOf(doc: ReportDocument, b: Block): string {
  const at = describePosition(b.at, doc.format);
  return b.kind === 'table' ? `${at}${doc.format === 'txt' ? '起的表格' : '的表格'}` : at;
}

/** A decimal as written ("3,014.03", "95.40", " 2.00 ") → its plain digits, or undefined. */
export function numberText(s: string): string | undefined {
  const t = s.replace(/[\s\u3000]/g, '').replace(/分$/, '');
  if (!/^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(t)) return undefined;
  return t.replace(/,/g, '');
}

/** Plain decimals ("1.86", "302.92") added exactly, as plain digits; undefined if one is not a number. */
export function sumText(values: readonly string[]): string | undefined {
  let total: Rat = ZERO;
  for (const v of values) {
    const r = parseDecimal(v);
    if (r === undefined) return undefined;
    total = add(total, r);
  }
  return toPlain(total, 4);
}

/** Headings as Chinese reports number them, highest first in the usual order. */
export const NUMBERING: readonly { style: string; re: RegExp }[] = [
  { style: '一、', re: /^[一二三四五六七八九十]+\s*[、.．]\s*/ },
  { style: '（一）', re: /^[（(]\s*[一二三四五六七八九十]+\s*[)）]\s*/ },
  { style: '1.', re: /^\d{1,2}\s*[.．、](?!\d)\s*/ },
  { style: '（1）', re: /^[（(]\s*\d{1,2}\s*[)）]\s*/ },
  { style: '1）', re: /^\d{1,2}\s*[)）]\s*/ },
  { style: '①', re: /^[①-⑳]\s*/ },
];

/** The numbering style a line starts with and the text after it. */
export function numbering(text: string): { style: string; rest: string } | undefined {
  for (const n of NUMBERING) {
    const m = n.re.exec(text);
    if (m) return { style: n.style, rest: text.slice(m[0].length).trim() };
  }
  return undefined;
}

/** Whitespace and punctuation that do not change a name, for matching names across places. */
export function nameKey(s: string): string {
  return s
    .replace(/^[A-Z]\d*\s*[.．、]?\s*/, '')
    .replace(/[\s\u3000“”"‘’'、，,。．.：:（）()《》<>—-]/g, '')
    .replace(/指标$/, '');
}

/** The paragraphs and sentences as lines, in document order; tables given by `cellsOf`. */
export function linesOf(doc: ReportDocument, cellsOf: (tableIndex: number) => string[] | undefined): Line[] {
  const lines: Line[] = [];
  doc.blocks.forEach((b, i) => {
    // "[bookmark: _Toc166074204]" before a heading: what some converters leave of Word's bookmarks
    if (b.kind === 'paragraph') {
      const text = b.text.replace(/\[bookmark:[^\]]*\]\s*/g, '').trim();
      if (text !== '') lines.push({ text, where: whereOf(doc, b), block: i });
    } else
      for (const text of cellsOf(i) ?? [])
        if (text !== '') lines.push({ text, where: whereOf(doc, b), block: i });
  });
  return lines;
}

/** Dimension words of level-1 groups: 决策, 过程, 产出 … (the last word of a group's name). */
export const DIMENSIONS = [
  '决策',
  '投入',
  '过程',
  '管理',
  '产出',
  '效益',
  '效果',
  '满意度',
  '绩效',
  '履职',
] as const;

export function dimensionOf(name: string): string | undefined {
  const d = DIMENSIONS.find((x) => name.includes(x));
  return d === '效果' ? '效益' : d;
}

/**
 * The sentence around `text[from..to]`: from the stop before `from` to the stop after `to`, a stop
 * being one of `stops` (。 and ； by default).
 */
export function sentenceAround(
  text: string,
  from: number,
  to = from,
  stops: readonly string[] = ['。', '；'],
): string {
  const start = Math.max(0, ...stops.map((p) => text.lastIndexOf(p, from) + 1));
  const after = stops.map((p) => text.indexOf(p, to)).filter((e) => e >= 0);
  const end = after.length > 0 ? Math.min(...after) + 1 : text.length;
  return text.slice(start, end).trim();
}
