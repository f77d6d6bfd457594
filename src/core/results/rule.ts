/**
 * Reading a budget-consequence rule from untrusted JSON: every problem is returned with the path
 * of its field (bands[2].maxCut) and a Chinese message, never thrown.
 */
import { HUNDRED, ZERO, gt, lt, parseDecimal } from '../decimal/index.ts';
import type { ConsequenceBand, ConsequenceRule } from './consequence.ts';

export interface RuleIssue {
  path: string;
  message: string;
}

export type ParsedRule = { ok: true; rule: ConsequenceRule } | { ok: false; issues: RuleIssue[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A percent 0 … 100 as decimal text ("10", "12.5"); numbers are accepted and kept as their text. */
function percent(v: unknown, path: string, issues: RuleIssue[]): string | undefined {
  const text = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
  const r = typeof text === 'string' && !text.includes(',') ? parseDecimal(text) : undefined;
  if (r === undefined || typeof text !== 'string') {
    issues.push({ path, message: '应为 0 至 100 的百分数' });
    return undefined;
  }
  if (lt(r, ZERO) || gt(r, HUNDRED)) {
    issues.push({ path, message: '应在 0 至 100 之间' });
    return undefined;
  }
  return text.trim();
}

function band(v: unknown, at: string, issues: RuleIssue[]): ConsequenceBand | undefined {
  if (!isObject(v)) {
    issues.push({ path: at, message: '应为对象' });
    return undefined;
  }
  const before = issues.length;
  const grade = typeof v['grade'] === 'string' ? v['grade'].trim() : '';
  if (grade === '' || grade.length > 10)
    issues.push({ path: `${at}.grade`, message: '应为 1 至 10 个字的等级' });
  const minCut = percent(v['minCut'], `${at}.minCut`, issues);
  const maxCut = v['maxCut'] === null ? null : percent(v['maxCut'], `${at}.maxCut`, issues);
  const note = v['note'];
  if (note !== undefined && (typeof note !== 'string' || note.length > 200))
    issues.push({ path: `${at}.note`, message: '应为不超过 200 字的文字' });
  if (minCut !== undefined && typeof maxCut === 'string') {
    const lo = parseDecimal(minCut);
    const hi = parseDecimal(maxCut);
    if (lo && hi && gt(lo, hi)) issues.push({ path: `${at}.maxCut`, message: '不能小于最小调减比例' });
  }
  if (issues.length > before || minCut === undefined || maxCut === undefined) return undefined;
  return {
    grade,
    minCut,
    maxCut,
    ...(typeof note === 'string' && note.trim() !== '' ? { note: note.trim() } : {}),
  };
}

export function parseConsequenceRule(input: unknown): ParsedRule {
  const issues: RuleIssue[] = [];
  if (!isObject(input) || !Array.isArray(input['bands']))
    return { ok: false, issues: [{ path: 'bands', message: '应为等级规则的列表' }] };
  const list = input['bands'] as unknown[];
  if (list.length === 0 || list.length > 10)
    return { ok: false, issues: [{ path: 'bands', message: '应有 1 至 10 个等级' }] };
  const bands: ConsequenceBand[] = [];
  const seen = new Set<string>();
  list.forEach((v, i) => {
    const b = band(v, `bands[${String(i)}]`, issues);
    const grade = isObject(v) && typeof v['grade'] === 'string' ? v['grade'].trim() : '';
    if (grade !== '' && seen.has(grade))
      issues.push({ path: `bands[${String(i)}].grade`, message: `等级“${grade}”重复` });
    seen.add(grade);
    if (b !== undefined) bands.push(b);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rule: { bands } };
}
