/**
 * Budget figures and the rates computed from them, wherever the text states them: amounts by
 * what they are (年初预算, 年中调整, 全年预算, 实际支出 …, for the whole budget or its 基本支出 /
 * 项目支出 part), stated rates (预算执行率为99.99%) with the amounts they are computed from, and
 * the "X，其中：A a，B b" sums. A figure whose meaning the words around it do not settle is not
 * taken; an amount without a unit is not taken at all.
 */
import { fromInt, mul, parseDecimal, toPlain } from '../core/decimal/index.ts';
import { type Line, sentenceAround } from './text.ts';
import type { XAmount, XRatio, XUnit } from './tree.ts';

const AMOUNT = /(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(亿元|万元|元)/g;

type Field = 'initial' | 'adjustment' | 'annual' | 'executed';

/** What the words just before an amount say it is; checked longest first. */
const LABELS: [Field, RegExp][] = [
  [
    'executed',
    /(实际支出|决算支出(?:资金|数)?(?:总计|合计)?|全年执行数?|资金执行|累计支出|已支出|执行数|支出决算)[为是：:\s]*$/,
  ],
  ['initial', /(年初(?:一般公共)?预算(?:收入|支出|资金)?(?:合计|总计|数)?|年初批复(?:预算)?)[为是：:\s]*$/],
  ['adjustment', /(年中(?:预算)?调整|预算调整(?:金额|额)?|年中追加|追加预算)[为是：:\s]*$/],
  [
    'annual',
    /(全年预算(?:收入|支出|数)?|调整后(?:全年)?预算(?:收入|支出)?(?:合计|总计)?|财政安排预算资金(?:总计)?|申请预算金额为?|预算批复(?:实际)?下达金额为?|项目预算)[为是：:\s]*$/,
  ],
];

function scopeOf(before: string): 'basic' | 'project' | undefined | null {
  const near = before.slice(-14);
  if (/(人员经费|公用经费|三公|工资|商品和服务|个人和家庭)/.test(near)) return null;
  if (/基本支出/.test(near)) return 'basic';
  if (/项目支出/.test(near)) return 'project';
  return undefined;
}

function amountText(value: string, unit: string): string {
  if (unit !== '亿元') return `${value}${unit}`;
  const v = parseDecimal(value);
  return v === undefined ? `${value}${unit}` : `${toPlain(mul(v, fromInt(10000)))}万元`;
}

/** Rates the text states: the core's ratio code, and the figure without which it cannot be computed. */
const RATES: { ratio: string; re: RegExp; num: Field }[] = [
  {
    ratio: 'executionRate',
    re: /(预算执行率|资金执行率|预算完成率|执行率)(?:为|是|达到?|：|:)?\s*(\d+(?:\.\d+)?%)/g,
    num: 'executed',
  },
  {
    ratio: 'adjustmentRate',
    re: /(预算调整率)(?:为|是|：|:)?\s*(\d+(?:\.\d+)?%?)/g,
    num: 'adjustment',
  },
];

export function readFacts(unit: XUnit, line: Line): void {
  const text = line.text;
  const found: { field: Field; scope?: 'basic' | 'project'; value: string; at: number }[] = [];
  for (const m of text.matchAll(AMOUNT)) {
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    // "其中：…" parts are not the whole
    const clause = before.slice(
      Math.max(before.lastIndexOf('，'), before.lastIndexOf(','), before.lastIndexOf('；')) + 1,
    );
    const label = LABELS.find(([, re]) => re.test(before));
    if (!label) continue;
    const scope = scopeOf(before);
    if (scope === null) continue;
    if (/其中|含/.test(clause) && scope === undefined) continue;
    // another year's figure, or a change against it
    if (/比|上年|上一年|同比|较/.test(clause)) continue;
    let value = amountText(m[1] as string, m[2] as string);
    if (label[0] === 'adjustment' && /调减\s*$/.test(before)) value = `-${value}`;
    found.push({ field: label[0], ...(scope !== undefined ? { scope } : {}), value, at: m.index });
    const amount: XAmount = {
      field: `budget.${scope !== undefined ? `${scope}.` : ''}${label[0]}`,
      value,
      quote: sentenceAround(text, m.index, m.index + m[0].length, ['。']),
      where: line.where,
    };
    unit.amounts.push(amount);
  }
  for (const r of RATES) {
    for (const m of text.matchAll(r.re)) {
      const value = (m[2] as string).endsWith('%') ? (m[2] as string) : `${m[2] as string}%`;
      const claim: Omit<XRatio, 'needs'> = {
        ratio: r.ratio,
        label: m[1] as string,
        value,
        quote: sentenceAround(text, m.index, m.index + m[0].length, ['。']),
        where: line.where,
      };
      // the scope of the rate: the amounts of its sentence say whether it is 基本 / 项目
      const before = text.slice(Math.max(0, m.index - 30), m.index);
      const scope = scopeOf(before);
      if (scope === null) continue;
      const needs = `budget.${scope !== undefined ? `${scope}.` : ''}${r.num}`;
      unit.ratios.push({ ...claim, needs, ...(scope !== undefined ? { scope } : {}) });
    }
  }
  sums(unit, line);
}

/** "支出预算7,549,890.00元，其中：基本支出7,519,890.00元…；项目支出30,000.00元" */
function sums(unit: XUnit, line: Line): void {
  const text = line.text;
  const re =
    /([\u4e00-\u9fff]{2,12}?)(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(万元|元)\s*[（(]?\s*[，,]?\s*其中\s*[：:]?/g;
  for (const m of text.matchAll(re)) {
    const start = m.index + m[0].length;
    const inBracket = /[（(]\s*[，,]?\s*其中/.test(m[0]);
    let end = text.indexOf('。', start);
    if (end < 0) end = text.length;
    if (inBracket) {
      const close = text.slice(start, end).search(/[)）]/);
      if (close >= 0) end = start + close;
    }
    const body = text.slice(start, end);
    const parts: { label: string; value: string }[] = [];
    // the parts of this list only: what a bracket inside it lists is another breakdown
    const flat = body.replace(/[（(][^（）()]*[）)]/g, '');
    for (const p of flat.matchAll(
      /([\u4e00-\u9fff“”"]{2,14}?)(?:为|是)?\s*(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(万元|元)/g,
    )) {
      // "调减330,867.00元（其中：人员经费调减457,039.93元，公用经费调增126,172.93元）"
      const against = /调减|减少/.test(m[1] as string) ? /调增|增加/ : /调减|减少/;
      const sign = against.test(p[1] as string) ? '-' : '';
      parts.push({ label: p[1] as string, value: `${sign}${p[2] as string}${p[3] as string}` });
    }
    if (parts.length < 2) continue;
    unit.sums.push({
      label: m[1] as string,
      parts,
      total: `${m[2] as string}${m[3] as string}`,
      quote: sentenceAround(text, m.index, start + body.length, ['。']),
      where: line.where,
    });
  }
}

/**
 * The budget the rates are computed from: for each figure, the first amount the report states (a
 * later statement of another value is then a conflict with it, as the core reports).
 */
export function budgetOf(amounts: readonly XAmount[]): Map<string, XAmount> {
  const out = new Map<string, XAmount>();
  for (const a of amounts) if (!out.has(a.field)) out.set(a.field, a);
  return out;
}
