/**
 * 评分方法 and 方法参数 in their written form (see the 说明 sheet), both ways:
 *   区间插值  下限60%                      完成比例  越低越好
 *   达标      未达标得2分                  扣分      每单位扣0.5；计扣单位10；按次数
 *   要素      要素：目标明确，2，是；要素：…   问卷得分率 得分率95% | 问卷：s1；问题：q1
 *   分档      按完成率；档：≥90%得5分；档：≥80%得权重80%
 *   等级描述  评定：良；得分：8；等级：优=100%；等级：良=80%-90%
 *   目标偏离  参照：A1，A2；方向：超出；偏离超过30%扣1
 *   评价人打分 得分8；理由：……（理由写在最后，可含分号）
 * Items are separated by ； ; or a line break; the colon after a key is optional. Anything the
 * written form cannot hold is written as the method's JSON ({…}), which is also accepted.
 */
import { isDeepStrictEqual } from 'node:util';
import type { MethodInput, MethodType } from '../../core/schema/methods.ts';
import { methodLabel, methods } from '../../core/scoring/registry.ts';

type Params = Record<string, unknown>;
type Apply = (m: Params, value: string) => string | undefined; // returns a problem, or undefined

const NUM = /^[+-]?\d+(\.\d+)?$/;
const SHARE = /^[+-]?\d+(\.\d+)?%?$/;

function decimal(field: string): Apply {
  return (m, v) => {
    const t = v.replace(/分$/, '').trim();
    if (!NUM.test(t)) return `“${v}”不是数字`;
    m[field] = t;
    return undefined;
  };
}

function share(field: string): Apply {
  return (m, v) => {
    if (!SHARE.test(v)) return `“${v}”不是比例（如 60% 或 0.6）`;
    m[field] = v;
    return undefined;
  };
}

function text(field: string): Apply {
  return (m, v) => {
    if (v === '') return '缺少取值';
    m[field] = v;
    return undefined;
  };
}

function flag(field: string, value: string): Apply {
  return (m) => {
    m[field] = value;
    return undefined;
  };
}

function list(m: Params, field: string): unknown[] {
  const existing = m[field];
  if (Array.isArray(existing)) return existing as unknown[];
  const fresh: unknown[] = [];
  m[field] = fresh;
  return fresh;
}

const element: Apply = (m, v) => {
  const parts = v.split(/[，,]/).map((s) => s.trim());
  const met = parts.pop();
  const points = parts.pop()?.replace(/分$/, '');
  const name = parts.join('，');
  if (name === '' || points === undefined || !NUM.test(points) || (met !== '是' && met !== '否'))
    return `要素“${v}”应写作“名称，分值，是/否”`;
  list(m, 'elements').push({ name, points, met: met === '是' });
  return undefined;
};

const TIER =
  /^(?:≥|>=)?\s*([+-]?\d+(?:\.\d+)?%?)\s*得\s*(?:权重\s*([+-]?\d+(?:\.\d+)?%?)|([+-]?\d+(?:\.\d+)?)\s*分?)$/;
const tier: Apply = (m, v) => {
  const r = TIER.exec(v);
  if (!r) return `分档“${v}”应写作“≥90%得5分”或“≥80%得权重80%”`;
  list(m, 'tiers').push(r[2] !== undefined ? { min: r[1], share: r[2] } : { min: r[1], score: r[3] });
  return undefined;
};

const LEVEL = /^(.+?)\s*[=＝]\s*([+-]?\d+(?:\.\d+)?%?)(?:\s*[-~～至]\s*([+-]?\d+(?:\.\d+)?%?))?$/;
const level: Apply = (m, v) => {
  const r = LEVEL.exec(v);
  if (!r || r[1] === undefined) return `等级“${v}”应写作“优=100%”或“良=80%-90%”`;
  list(m, 'levels').push(
    r[3] !== undefined ? { label: r[1], min: r[2], max: r[3] } : { label: r[1], share: r[2] },
  );
  return undefined;
};

const STEP = /^([+-]?\d+(?:\.\d+)?%?)\s*扣\s*([+-]?\d+(?:\.\d+)?)\s*分?$/;
const step: Apply = (m, v) => {
  const r = STEP.exec(v);
  if (!r) return `“偏离超过${v}”应写作“偏离超过30%扣1”`;
  list(m, 'steps').push({ over: r[1], deduct: r[2] });
  return undefined;
};

const refs: Apply = (m, v) => {
  const codes = v.split(/[，,、\s]+/).filter((s) => s !== '');
  if (codes.length === 0) return '缺少参照指标代码';
  m.refs = codes;
  return undefined;
};

const DIRECTIONS: Record<string, string> = { 超出: 'above', 低于: 'below', 双向: 'both' };
const direction: Apply = (m, v) => {
  const d = DIRECTIONS[v];
  if (d === undefined) return `方向“${v}”应为超出、低于或双向`;
  m.direction = d;
  return undefined;
};

interface Spec {
  keys: Record<string, Apply>;
  required: readonly [field: string, key: string][];
  write: (m: Params) => string[];
}

const s = (v: unknown): string => (typeof v === 'string' ? v : String(v));
const opt = (v: unknown, f: (x: string) => string): string[] => (v === undefined ? [] : [f(s(v))]);
const arr = (v: unknown): Params[] => (Array.isArray(v) ? (v as Params[]) : []);

const SPECS: Record<MethodType, Spec> = {
  proportional: {
    keys: { 越高越好: flag('direction', 'higher'), 越低越好: flag('direction', 'lower') },
    required: [],
    write: (m) => opt(m.direction, (d) => (d === 'lower' ? '越低越好' : '越高越好')),
  },
  band: { keys: { 下限: share('floor') }, required: [], write: (m) => opt(m.floor, (v) => `下限${v}`) },
  threshold: {
    keys: { 未达标得: decimal('partial') },
    required: [],
    write: (m) => opt(m.partial, (v) => `未达标得${v}分`),
  },
  deduction: {
    keys: {
      每单位扣: decimal('perUnit'),
      计扣单位: decimal('unitSize'),
      按差额: flag('basis', 'shortfall'),
      按次数: flag('basis', 'count'),
    },
    required: [['perUnit', '每单位扣']],
    write: (m) => [
      ...opt(m.perUnit, (v) => `每单位扣${v}`),
      ...opt(m.unitSize, (v) => `计扣单位${v}`),
      ...opt(m.basis, (v) => (v === 'count' ? '按次数' : '按差额')),
    ],
  },
  elements: {
    keys: { 要素: element },
    required: [['elements', '要素']],
    write: (m) =>
      arr(m.elements).map((e) => `要素：${s(e.name)}，${s(e.points)}，${e.met === true ? '是' : '否'}`),
  },
  likert: {
    keys: { 得分率: share('rate'), 问卷: text('survey'), 问题: text('question') },
    required: [],
    write: (m) => [
      ...opt(m.rate, (v) => `得分率${v}`),
      ...opt(m.survey, (v) => `问卷：${v}`),
      ...opt(m.question, (v) => `问题：${v}`),
    ],
  },
  tiers: {
    keys: { 按完成率: flag('basis', 'completion'), 按完成值: flag('basis', 'actual'), 档: tier },
    required: [['tiers', '档']],
    write: (m) => [
      ...opt(m.basis, (v) => (v === 'completion' ? '按完成率' : '按完成值')),
      ...arr(m.tiers).map((t) =>
        t.share !== undefined ? `档：≥${s(t.min)}得权重${s(t.share)}` : `档：≥${s(t.min)}得${s(t.score)}分`,
      ),
    ],
  },
  grade: {
    keys: { 评定: text('level'), 得分: decimal('score'), 等级: level },
    required: [],
    write: (m) => [
      ...opt(m.level, (v) => `评定：${v}`),
      ...opt(m.score, (v) => `得分：${v}`),
      ...arr(m.levels).map((l) =>
        l.share !== undefined
          ? `等级：${s(l.label)}=${s(l.share)}`
          : `等级：${s(l.label)}=${s(l.min)}-${s(l.max)}`,
      ),
    ],
  },
  'over-target': {
    keys: { 参照: refs, 方向: direction, 偏离超过: step },
    required: [['steps', '偏离超过']],
    write: (m) => [
      ...(Array.isArray(m.refs) ? [`参照：${(m.refs as string[]).join('，')}`] : []),
      ...opt(m.direction, (v) => `方向：${Object.keys(DIRECTIONS).find((k) => DIRECTIONS[k] === v) ?? v}`),
      ...arr(m.steps).map((st) => `偏离超过${s(st.over)}扣${s(st.deduct)}`),
    ],
  },
  manual: {
    keys: { 得分: decimal('score'), 理由: text('reason') },
    required: [
      ['score', '得分'],
      ['reason', '理由'],
    ],
    write: (m) => [...opt(m.score, (v) => `得分${v}`), ...opt(m.reason, (v) => `理由：${v}`)],
  },
};

const TYPES = Object.keys(methods) as MethodType[];

/** The method code for a label (区间插值) or a code (band). */
export function methodType(label: string): MethodType | undefined {
  const t = label.trim();
  return TYPES.find((m) => methodLabel(m) === t || m === t);
}

export function methodLabels(): string[] {
  return TYPES.map((t) => methodLabel(t));
}

/** Key names of one method, for messages and the 说明 sheet. */
export function paramKeys(type: MethodType): string[] {
  return Object.keys(SPECS[type].keys);
}

export interface ParsedParams {
  method?: MethodInput | undefined;
  problems: string[];
}

function splitItems(textValue: string, hasReason: boolean): string[] {
  const items: string[] = [];
  const sep = /[；;\n]/g;
  let start = 0;
  for (;;) {
    const rest = textValue.slice(start).trimStart();
    // 理由 is the last item and keeps everything after it, separators included.
    if (hasReason && rest.startsWith('理由')) {
      items.push(rest.trim());
      break;
    }
    sep.lastIndex = start;
    const m = sep.exec(textValue);
    const end = m === null ? textValue.length : m.index;
    const item = textValue.slice(start, end).trim();
    if (item !== '') items.push(item);
    if (m === null) break;
    start = end + 1;
  }
  return items;
}

function parseJsonParams(type: MethodType, textValue: string): ParsedParams {
  try {
    const v = JSON.parse(textValue) as unknown;
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return { problems: ['JSON 参数应为对象'] };
    return { method: { ...(v as Params), type } as MethodInput, problems: [] };
  } catch {
    return { problems: ['方法参数以 { 开头，但不是有效的 JSON'] };
  }
}

/** Parse 方法参数 for a method type; `rule` (评分标准) comes from its own column. */
export function parseParams(type: MethodType, textValue: string, rule?: string): ParsedParams {
  const t = textValue.trim();
  const withRule = (p: ParsedParams): ParsedParams =>
    p.method && rule !== undefined ? { ...p, method: { ...p.method, rule } } : p;
  if (t.startsWith('{')) return withRule(parseJsonParams(type, t));
  const spec = SPECS[type];
  const keys = Object.keys(spec.keys).sort((a, b) => b.length - a.length);
  const m: Params = { type };
  const problems: string[] = [];
  for (const item of splitItems(t, type === 'manual')) {
    const key = keys.find((k) => item.startsWith(k));
    const apply = key === undefined ? undefined : spec.keys[key];
    if (key === undefined || apply === undefined) {
      problems.push(`无法识别的参数“${item}”（${methodLabel(type)}可用：${paramKeys(type).join('、')}）`);
      continue;
    }
    const problem = apply(
      m,
      item
        .slice(key.length)
        .replace(/^[\s：:=]+/, '')
        .trim(),
    );
    if (problem !== undefined) problems.push(problem);
  }
  for (const [field, key] of spec.required) {
    if (m[field] === undefined) problems.push(`${methodLabel(type)}缺少参数“${key}”`);
  }
  return withRule({ method: problems.length === 0 ? (m as MethodInput) : undefined, problems });
}

/** Numbers as strings, so written and parsed forms compare equal. */
function canonical(v: unknown): unknown {
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === 'object' && v !== null)
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, canonical(x)]));
  return v;
}

function without(p: Params, key: string): Params {
  return Object.fromEntries(Object.entries(p).filter(([k]) => k !== key));
}

/** 方法参数 for a method: the written form when it reads back the same, else its JSON. */
export function writeParams(method: MethodInput): string {
  const rest = without(method, 'rule');
  const written = SPECS[method.type].write(rest).join('；');
  const back = parseParams(method.type, written);
  const parsed = without(back.method ?? {}, 'rule');
  if (back.problems.length === 0 && isDeepStrictEqual(canonical(parsed), canonical(rest))) return written;
  return JSON.stringify(without(rest, 'type'));
}
