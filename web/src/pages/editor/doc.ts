/** Reading and changing the evaluation document held by the editor, by path ("budget.executed"). */
import type { EvaluationInput, FieldIssue, Preview } from '../../api.ts';

export interface TabProps {
  doc: EvaluationInput;
  change: (next: EvaluationInput) => void;
  editable: boolean;
  issues: FieldIssue[];
  preview: Preview | null;
}

type Key = string | number;

export function parsePath(path: string): Key[] {
  return path.split('.').map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

export function getAt(doc: unknown, path: string): unknown {
  let v: unknown = doc;
  for (const k of parsePath(path)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<Key, unknown>)[k];
  }
  return v;
}

/** A copy of `doc` with `value` at `path` (undefined removes it); parents are created as needed. */
export function setAt<T>(doc: T, path: string, value: unknown): T {
  const out = structuredClone(doc);
  const keys = parsePath(path);
  let v = out as Record<Key, unknown>;
  for (const [i, k] of keys.slice(0, -1).entries()) {
    if (v[k] === null || typeof v[k] !== 'object') v[k] = typeof keys[i + 1] === 'number' ? [] : {};
    v = v[k] as Record<Key, unknown>;
  }
  const last = keys.at(-1);
  if (last === undefined) return out;
  if (value === undefined) Reflect.deleteProperty(v, last);
  else v[last] = value;
  return out;
}

/** The messages the service gave for this field. */
export function issueAt(issues: FieldIssue[], path: string): string | undefined {
  const mine = issues.filter((i) => i.path === `document.${path}` || i.path.startsWith(`document.${path}.`));
  return mine.length === 0 ? undefined : mine.map((i) => i.message).join('；');
}

const AMOUNT = /^(-?)([\d,]*)(?:\.(\d+))?$/;

/**
 * An amount moved `by` decimal places (4: 万元 → 元, −4: 元 → 万元), by its digits — exact, never
 * through a float — with thousands separators; at least 2 decimals. Undefined when not a number.
 */
export function shiftAmount(text: string, by: number): string | undefined {
  const m = AMOUNT.exec(text.trim());
  if (m === null || ((m[2] ?? '').replaceAll(',', '') === '' && (m[3] ?? '') === '')) return undefined;
  const int = (m[2] ?? '').replaceAll(',', '');
  let digits = int + (m[3] ?? '');
  let point = int.length + by;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  let frac = digits.slice(point).replace(/0+$/, '');
  if (frac.length < 2) frac = frac.padEnd(2, '0');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const negative = m[1] === '-' && /[1-9]/.test(digits);
  return `${negative ? '-' : ''}${grouped}.${frac}`;
}

/** Every amount in the budget (lines, sub-lines, sources) moved `by` places. */
export function shiftBudget(budget: unknown, by: number): unknown {
  if (typeof budget === 'string') return shiftAmount(budget, by) ?? budget;
  if (typeof budget === 'number') return shiftAmount(String(budget), by) ?? budget;
  if (Array.isArray(budget)) return budget.map((b: unknown) => shiftBudget(b, by));
  if (budget !== null && typeof budget === 'object')
    return Object.fromEntries(
      Object.entries(budget).map(([k, v]) => [k, k === 'name' ? v : shiftBudget(v, by)]),
    );
  return budget;
}
