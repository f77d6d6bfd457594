/** Parsing of targets (指标值), actual values (完成值), shares and stated rates from their written forms. */
import { type Rat, parseDecimal } from './decimal/index.ts';
import type { Quantity, StatedRate, Target, TargetOp } from './model.ts';

const OPS: [RegExp, TargetOp][] = [
  [/^(≥|>=|＞=|不少于|不低于|大于等于)/, '>='],
  [/^(≤|<=|＜=|不超过|不高于|小于等于)/, '<='],
  [/^(=|＝|等于)/, '='],
  [/^(>|＞|大于|超过)/, '>'],
  [/^(<|＜|小于|低于)/, '<'],
];

const NUMBER = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(.*)$/s;
const RANGE = /^([+-]?\d+(?:\.\d+)?)\s*(%?)\s*[-~～—–至到]\s*([+-]?\d+(?:\.\d+)?)\s*(.*)$/s;

function percentValue(r: Rat): Rat {
  return { n: r.n, d: r.d * 100n };
}

/** "95.35%" → 0.9535 percent; "1808人" → 1808 人; undefined when the text does not start with a number. */
export function parseQuantity(text: string): Quantity | undefined {
  const t = text.trim();
  const m = NUMBER.exec(t);
  if (!m) return undefined;
  const value = parseDecimal(m[1] ?? '');
  if (value === undefined) return undefined;
  const rest = (m[2] ?? '').trim();
  if (rest.startsWith('%') || rest.startsWith('％')) {
    const unitRest = rest.slice(1).trim();
    if (unitRest !== '') return undefined;
    return { value: percentValue(value), unit: '%', percent: true, text: t };
  }
  return { value, unit: rest === '' ? undefined : rest, percent: false, text: t };
}

/** A written target: "≥2000人", "=100%", "80%-100%", or a qualitative text. */
export function parseTarget(text: string): Target {
  const t = text.trim();
  for (const [re, op] of OPS) {
    const m = re.exec(t);
    if (m) {
      const q = parseQuantity(t.slice(m[0].length));
      if (q) return { kind: 'quantity', op, value: q.value, unit: q.unit, percent: q.percent, text: t };
      return { kind: 'text', text: t };
    }
  }
  const r = RANGE.exec(t);
  if (r) {
    const unit = (r[4] ?? '').trim();
    const percent = unit.startsWith('%') || r[2] === '%';
    const lo = parseDecimal(r[1] ?? '');
    const hi = parseDecimal(r[3] ?? '');
    if (lo && hi) {
      return {
        kind: 'quantity',
        op: 'range',
        value: percent ? percentValue(lo) : lo,
        max: percent ? percentValue(hi) : hi,
        unit: percent ? '%' : unit || undefined,
        percent,
        text: t,
      };
    }
  }
  const q = parseQuantity(t);
  if (q) return { kind: 'quantity', op: '>=', value: q.value, unit: q.unit, percent: q.percent, text: t };
  return { kind: 'text', text: t };
}

/** A rate as printed ("95.6%"): its value and the decimals printed. */
export function parseStatedRate(text: string): StatedRate | undefined {
  const t = text.trim();
  const m = /^(-?\d+)(?:\.(\d+))?\s*%$/.exec(t);
  if (!m) return undefined;
  const v = parseDecimal(`${m[1] ?? ''}${m[2] !== undefined ? '.' + m[2] : ''}`);
  if (!v) return undefined;
  return { value: percentValue(v), places: m[2]?.length ?? 0, text: t };
}

/**
 * Whether two written units of measure differ: one that begins or ends with the other is taken for
 * the same kind (人次 and 人, 场次 and 次); 场次 and 种 differ.
 */
export function unitsDiffer(a: string, b: string): boolean {
  const [x, y] = [a.trim(), b.trim()];
  return (
    x !== '' &&
    y !== '' &&
    x !== y &&
    !x.startsWith(y) &&
    !y.startsWith(x) &&
    !x.endsWith(y) &&
    !y.endsWith(x)
  );
}
