/**
 * Written forms of the values that are objects in the file format, both ways: targets, actuals,
 * rounding, grades, 不适用. Shared by the template writer and the importer.
 */
import { parseQuantity, parseTarget } from '../../core/quantity.ts';
import { RATIO_NAMES } from '../../core/ratios.ts';
import type { EvaluationInput, IndicatorInputT } from '../../core/schema/evaluation.ts';

type Rules = NonNullable<EvaluationInput['rules']>;
export const TEXT_PREFIX = '文字：';
export const RATIO_PREFIX = '比率：';
const SCOPE_SEP = '，范围：';

const str = (v: number | string): string => (typeof v === 'number' ? String(v) : v);

const OP_TEXT = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<', range: '' } as const;

export function writeTarget(t: IndicatorInputT['target']): string {
  if (t === undefined) return '';
  if (typeof t === 'string') return t;
  if ('text' in t) return parseTarget(t.text).kind === 'quantity' ? TEXT_PREFIX + t.text : t.text;
  const unit = t.unit ?? '';
  if (t.op === 'range') return `${str(t.value)}${unit === '%' ? '%' : ''}-${str(t.max ?? '')}${unit}`;
  return `${OP_TEXT[t.op]}${str(t.value)}${unit}`;
}

export function readTarget(text: string): IndicatorInputT['target'] {
  if (text === '') return undefined;
  if (text.startsWith(TEXT_PREFIX)) return { text: text.slice(TEXT_PREFIX.length).trim() };
  return text;
}

/** A number stays a number cell; everything else is text. */
export function writeActual(a: IndicatorInputT['actual']): string | number {
  if (a === undefined) return '';
  if (typeof a === 'number' || typeof a === 'string') return a;
  if ('ratio' in a) {
    const name = RATIO_NAMES[a.ratio] ?? a.ratio;
    return RATIO_PREFIX + name + (a.scope !== undefined ? SCOPE_SEP + a.scope : '');
  }
  if ('text' in a) return parseQuantity(a.text) ? TEXT_PREFIX + a.text : a.text;
  return `${str(a.value)}${a.unit ?? ''}`;
}

function ratioCode(name: string): string {
  return Object.keys(RATIO_NAMES).find((k) => RATIO_NAMES[k] === name) ?? name;
}

export function readActual(text: string): IndicatorInputT['actual'] {
  if (text === '') return undefined;
  if (text.startsWith(TEXT_PREFIX)) return { text: text.slice(TEXT_PREFIX.length).trim() };
  if (text.startsWith(RATIO_PREFIX)) {
    const [name = '', scope] = text.slice(RATIO_PREFIX.length).split(/[，,]\s*范围[：:]/);
    const ratio = ratioCode(name.trim());
    return scope === undefined ? { ratio } : { ratio, scope: scope.trim() };
  }
  return text;
}

const ROUNDING = { 'half-up': '四舍五入', truncate: '截尾' } as const;

export function writeRounding(r: Rules['rounding']): string {
  return r === undefined ? '' : `${ROUNDING[r.mode]}保留${r.places}位`;
}

export function readRounding(text: string): Rules['rounding'] | string {
  const m = /^(四舍五入|截尾|截断)\s*(?:保留)?\s*(\d)\s*位(?:小数)?$/.exec(text);
  if (!m) return '应写作“四舍五入保留2位”或“截尾保留2位”';
  return { mode: m[1] === '四舍五入' ? 'half-up' : 'truncate', places: Number(m[2]) };
}

export function writeGrades(g: Rules['grades']): string {
  return g === undefined ? '' : g.map((b) => `${b.grade}≥${str(b.min)}`).join('，');
}

export function readGrades(text: string): Rules['grades'] | string {
  const out: NonNullable<Rules['grades']> = [];
  for (const part of text.split(/[，,、；;]/)) {
    const p = part.trim();
    if (p === '') continue;
    const m = /^(.+?)\s*(?:≥|>=)\s*(\d+(?:\.\d+)?)$/.exec(p);
    if (!m || m[1] === undefined || m[2] === undefined) return `等级“${p}”应写作“优≥90”`;
    out.push({ grade: m[1], min: m[2] });
  }
  return out.length > 0 ? out : '应写作“优≥90，良≥80，中≥60，差≥0”';
}

export function writeNotApplicable(na: IndicatorInputT['notApplicable']): string {
  if (na === undefined) return '';
  return na === true ? '是' : na.reason;
}

export function readNotApplicable(text: string): IndicatorInputT['notApplicable'] {
  if (text === '' || text === '否') return undefined;
  return text === '是' ? true : { reason: text };
}
