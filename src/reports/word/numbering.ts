/**
 * Chinese heading numbers, produced from the position: 一、（一）1.（1）① — level 1 to 5.
 * Written as text (not Word list numbering) so every reader shows them alike.
 */

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 100+ → Arabic. */
export function chineseNumber(n: number): string {
  if (n < 1 || n > 99 || !Number.isInteger(n)) return String(n);
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return (tens === 1 ? '' : (DIGITS[tens] ?? '')) + '十' + (ones === 0 ? '' : (DIGITS[ones] ?? ''));
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

/** ① … ⑳, then (21) … */
export function circled(n: number): string {
  return n >= 1 && n <= 20 ? (CIRCLED[n - 1] ?? '') : `(${n})`;
}

/** The heading number for a level (1–5) and a 1-based position. */
export function headingNumber(level: number, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumber(n)}、`;
    case 2:
      return `（${chineseNumber(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
    default:
      return circled(n);
  }
}

/**
 * Counters for a document outline: `next(level)` numbers a heading and resets the levels below,
 * so sections can be added or left out without renumbering by hand.
 */
export class Outline {
  private readonly counts = [0, 0, 0, 0, 0, 0];

  next(level: number): string {
    this.counts[level] = (this.counts[level] ?? 0) + 1;
    for (let l = level + 1; l < this.counts.length; l++) this.counts[l] = 0;
    return headingNumber(level, this.counts[level] ?? 1);
  }
}
