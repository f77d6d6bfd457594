/**
 * Budget figures and the rates computed from them, wherever the text states them: amounts by
 * what they are (年初预算, 年中调整, 全年预算, 实际支出 …, for the whole budget or its 基本支出 /
 * 项目支出 part), stated rates (预算执行率为99.99%) with the amounts they are computed from, and
 * the "X，其中：A a，B b" sums. A figure whose meaning the words around it do not settle is not
 * taken; an amount without a unit is not taken at all.
 */
import { amountInYuan } from '../core/amounts.ts';
import { add, eq, fromInt, mul, parseDecimal, sub, toPlain } from '../core/decimal/index.ts';
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
  [
    'adjustment',
    /(年中(?:预算)?调整|预算调整(?:金额|额)?|年中追加|追加(?:预算|支出|资金|金额)?(?:合计|总计|共计)?)[为是：:\s]*$/,
  ],
  [
    'annual',
    /(全年预算(?:收入|支出|数)?|调整后(?:全年)?预算(?:收入|支出)?(?:合计|总计)?|财政安排预算资金(?:总计|共计|合计)?|申请预算金额为?|预算批复(?:实际)?下达金额为?|项目预算)[为是：:\s]*$/,
  ],
];

/**
 * Words that say which part of the budget a figure is (基本支出 …) but not which figure of it: the
 * sentence settles that ("核定…支出预算X，其中基本支出Y" are 年初 figures, "整体支出合计X，其中：
 * 基本支出Y" are spent).
 */
const BARE =
  /(部门整体支出|整体支出|支出预算|基本支出|项目支出)(?:预算)?(?:部分|合计|总计|总额|总资金)?[为是：:\s]*$/;

/** "预算调整数7,219,023.00元，调减330,867.00元": what the budget became, and by how much. */
const ADJUSTED = /预算调整数[为是：:\s]*$/;
const CHANGE =
  /^[，,、\s]*(调减|调增|追加|减少|增加)\s*[为了：:]?\s*(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(亿元|万元|元)/;

function scopeOf(before: string): 'basic' | 'project' | undefined | null {
  // what a bracket lists is another breakdown, not this figure
  const near = before.replace(/[（(][^（）()]*[）)]/g, '').slice(-14);
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
    re: /(预算执行率|资金执行率|预算完成率|执行率)(?:为|是|达到?|：|:)?\s*(?:[=＝][^。；=＝]{1,80}[=＝]\s*)?(\d+(?:\.\d+)?%)/g,
    num: 'executed',
  },
  {
    ratio: 'adjustmentRate',
    re: /(预算调整率)(?:为|是|：|:)?\s*(?:[=＝][^。；=＝]{1,80}[=＝]\s*)?(\d+(?:\.\d+)?%?)/g,
    num: 'adjustment',
  },
];

export interface FactOptions {
  /** The report evaluates one project: its 项目 is the whole budget, not a part of it. */
  project?: boolean;
}

/** Which figure the amounts of a sentence are, when their own words say only which part. */
function sentenceField(head: string, first: Field | undefined): Field | undefined {
  if (first !== undefined) return first;
  if (/预算/.test(head)) return /年初|核定|批复/.test(head) ? 'initial' : undefined;
  return /支出|决算/.test(head) ? 'executed' : undefined;
}

interface Found {
  field: Field;
  scope?: 'basic' | 'project';
  value: string;
  at: number;
  end: number;
}

/** Whether the end of `text` is inside a bracket ("…509.45万元（含追加金额"). */
const inBracket = (text: string): boolean =>
  (text.match(/[（(]/g)?.length ?? 0) > (text.match(/[）)]/g)?.length ?? 0);

/** The amounts of one sentence (`text[from..to]`) whose words say what they are. */
function amountsOf(text: string, from: number, to: number, options: FactOptions): Found[] {
  const found: Found[] = [];
  let field: Field | undefined;
  let first = true;
  const sentence = text.slice(from, to);
  for (const m of sentence.matchAll(AMOUNT)) {
    const at = from + m.index;
    const before = text.slice(Math.max(from, at - 24), at);
    const clause = before.slice(
      Math.max(before.lastIndexOf('，'), before.lastIndexOf(','), before.lastIndexOf('；')) + 1,
    );
    const label = LABELS.find(([, re]) => re.test(before))?.[0];
    // the parts that follow a figure named for what it is ("…共计X（其中基本支出Y）") are that figure
    if (first) field = sentenceField(text.slice(from, at), label);
    else if (label !== undefined && !inBracket(text.slice(from, at))) field = label;
    first = false;
    if (ADJUSTED.test(text.slice(Math.max(from, at - 12), at))) {
      found.push(...adjusted(m, at, before, text.slice(at + m[0].length, to), found));
      continue;
    }
    let scope = scopeOf(before);
    if (scope === null) continue;
    let own = label;
    if (own === undefined && BARE.test(before)) own = field;
    if (own === undefined) continue;
    if (/其中|含/.test(clause) && scope === undefined) continue;
    // another year's figure, or a change against it
    if (/比|上年|上一年|同比|较/.test(clause)) continue;
    // a sentence about one project, in a report on the whole budget, speaks of the project's money
    if (
      scope === undefined &&
      !options.project &&
      /项目/.test(text.slice(from, at)) &&
      !/部门|整体|总体|全年|合计|总计/.test(text.slice(from, at))
    )
      scope = 'project';
    let value = amountText(m[1] as string, m[2] as string);
    if (own === 'adjustment' && /调减\s*$/.test(before)) value = `-${value}`;
    found.push({ field: own, ...(scope !== undefined ? { scope } : {}), value, at, end: at + m[0].length });
  }
  return found;
}

/**
 * "预算调整数A，调减B": A is the adjusted budget and B the adjustment when the sentence's 年初 figure
 * less B is A — checked, since other reports write 预算调整数 for the adjustment itself.
 */
function adjusted(
  m: RegExpExecArray,
  at: number,
  before: string,
  after: string,
  found: readonly Found[],
): Found[] {
  const end = at + m[0].length;
  const change = CHANGE.exec(after.replace(/^[（(][^（）()]*[）)]/, ''));
  const scope = scopeOf(before);
  if (!change || scope === null) return [];
  const initial = found.find((f) => f.field === 'initial' && f.scope === scope);
  const value = amountText(m[1] as string, m[2] as string);
  const by = amountText(change[2] as string, change[3] as string);
  const [a, b, i] = [value, by, initial?.value ?? ''].map(amountInYuan);
  if (a === undefined || b === undefined || i === undefined) return [];
  const down = /调减|减少/.test(change[1] as string);
  if (!eq(down ? sub(i, b) : add(i, b), a)) return [];
  const s = scope !== undefined ? { scope } : {};
  return [
    { field: 'annual', ...s, value, at, end },
    { field: 'adjustment', ...s, value: down ? `-${by}` : by, at, end },
  ];
}

export function readFacts(unit: XUnit, line: Line, options: FactOptions = {}): void {
  const text = line.text;
  for (let from = 0; from < text.length;) {
    const stop = text.indexOf('。', from);
    const to = stop < 0 ? text.length : stop + 1;
    const found = amountsOf(text, from, to, options);
    for (const f of found)
      unit.amounts.push({
        field: `budget.${f.scope !== undefined ? `${f.scope}.` : ''}${f.field}`,
        value: f.value,
        quote: sentenceAround(text, f.at, f.end, ['。']),
        where: line.where,
      });
    // "预算资金612.41万元，均为基本支出": the whole is the one part (worked out, not stated)
    const all = /(?:均|全部|全)为(基本支出|项目支出)/.exec(text.slice(from, to));
    if (all)
      for (const f of found.filter((x) => x.scope === undefined))
        unit.amounts.push({
          field: `budget.${all[1] === '基本支出' ? 'basic' : 'project'}.${f.field}`,
          value: f.value,
          quote: sentenceAround(text, f.at, f.end, ['。']),
          where: line.where,
          derived: true,
        });
    from = to;
  }
  added(unit, line);
  for (const r of RATES) {
    for (const m of text.matchAll(r.re)) {
      const value = (m[2] as string).endsWith('%') ? (m[2] as string) : `${m[2] as string}%`;
      const claim: XRatio = {
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
  measures(unit, line);
  surveys(unit, line);
}

const ADDED = new RegExp(
  String.raw`(基本支出|项目支出)[^，,。；（(]{0,6}?${AMOUNT.source}\s*[（(]\s*(?:其中\s*[：:]?\s*)?含\s*(?:追加|调增)(?:金额|资金|预算)?(?:为)?\s*${AMOUNT.source}`,
  'g',
);

/** "项目支出部分509.45万元（含追加金额399.17万元）": what was added to the part during the year. */
function added(unit: XUnit, line: Line): void {
  for (const m of line.text.matchAll(ADDED))
    unit.amounts.push({
      field: `budget.${m[1] === '基本支出' ? 'basic' : 'project'}.adjustment`,
      value: amountText(m[4] as string, m[5] as string),
      quote: sentenceAround(line.text, m.index, m.index + m[0].length, ['。']),
      where: line.where,
    });
}

/**
 * “根据取得的52份工作人员调查问卷，问卷第2题“…？”统计结果为非常满意占比82.69%，满意占比13.46%，
 * 一般占比1.92%，不满意占比1.92%”: a question's shares by answer level, once per question.
 */
function surveys(unit: XUnit, line: Line): void {
  const text = line.text;
  const re =
    /第\s*(\d{1,3})\s*题\s*(?:[“"]([^”"]{2,80})[”"])?[^。；]{0,12}?((?:[，,、；]?\s*[\u4e00-\u9fff]{1,6}(?:的)?(?:占比|比例|占)为?\s*\d+(?:\.\d+)?%){2,})/g;
  for (const m of text.matchAll(re)) {
    const shares: Record<string, string> = {};
    for (const piece of (m[3] as string).split(/[，,、；]/)) {
      const p = /^(.*?)(?:的)?(?:占比|比例|占)为?\s*(\d+(?:\.\d+)?%)$/.exec(piece.trim());
      // "统计结果为非常满意占比82.69%": the level is what follows the last 为 / 是 / ：
      const label = p?.[1]?.replace(/^.*[为是：:]/, '').trim();
      if (p && label !== undefined && label !== '') shares[label] = p[2] as string;
    }
    if (Object.keys(shares).length < 2) continue;
    const head = /(\d+)\s*份\s*([^，,。；“”]{0,30}?)(?:调查)?问卷/.exec(text.slice(0, m.index));
    const name = head?.[2] !== undefined && head[2] !== '' ? `${head[2]}调查问卷` : '调查问卷';
    let survey = unit.surveys.find((s) => s.name === name);
    if (!survey) {
      survey = { name, ...(head ? { respondents: Number(head[1]) } : {}), questions: [] };
      unit.surveys.push(survey);
    }
    const id = m[1] as string;
    if (survey.questions.some((q) => q.id === id)) continue;
    survey.questions.push({
      id,
      ...(m[2] !== undefined ? { text: m[2] } : {}),
      shares,
      quote: sentenceAround(text, m.index, m.index + m[0].length),
      where: line.where,
    });
  }
}

/**
 * “社会化人员社保金缴费人数（人）”指标，预期指标值为≥24次: the unit the name declares and the
 * unit of the target, when both are written.
 */
function measures(unit: XUnit, line: Line): void {
  const re =
    /“([^”]{2,40}?)[（(]([^（）()\d]{1,4})[)）]”\s*指标[，,]?\s*(?:预期|年度|计划)?(?:指标值|目标值)(?:为|是|：|:)?\s*((?:[≥≤>＞<＜=＝]|不低于|不少于|不超过|大于|小于|达到)?\s*\d+(?:\.\d+)?\s*([^\d\s；;。，,、）)]{1,4}))/g;
  for (const m of line.text.matchAll(re)) {
    unit.measures.push({
      indicator: m[1] as string,
      declared: (m[2] as string).trim(),
      target: (m[3] as string).trim(),
      unit: (m[4] as string).trim(),
      quote: sentenceAround(line.text, m.index, m.index + m[0].length),
      where: line.where,
    });
  }
}

/** "支出预算7,549,890.00元，其中：基本支出7,519,890.00元…；项目支出30,000.00元" */
function sums(unit: XUnit, line: Line): void {
  const text = line.text;
  const re =
    /([\u4e00-\u9fff]{2,12}?)(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(万元|元)\s*[（(]?\s*[，,]?\s*其中\s*[：:]?/g;
  const wholes: { at: number; total: string }[] = [];
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
    wholes.push({ at: m.index, total: `${m[2] as string}${m[3] as string}` });
    if (parts.length < 2) continue;
    unit.sums.push({
      label: m[1] as string,
      parts,
      total: `${m[2] as string}${m[3] as string}`,
      quote: sentenceAround(text, m.index, start + body.length, ['。']),
      where: line.where,
    });
  }
  shares(unit, line, wholes);
}

/**
 * "整体支出合计358.52万元，其中：…项目支出47.32万元，占13.2%。…其他支出47.32万元，占13.19%": a
 * share of the whole the paragraph last broke down. A share of something it names (占年度支出总额
 * 13.2%) is another whole and is not taken.
 */
function shares(unit: XUnit, line: Line, wholes: readonly { at: number; total: string }[]): void {
  const text = line.text;
  const re =
    /([\u4e00-\u9fff“”"]{2,14}?)(?:为|是)?\s*(-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(万元|元)\s*[，,]?\s*占\s*(\d+(?:\.\d+)?%)/g;
  for (const m of text.matchAll(re)) {
    const whole = wholes.findLast((w) => w.at < m.index);
    if (!whole) continue;
    const label = (m[1] as string).replace(/^(其中|主要用于以下方面|包括)[：:]?/, '');
    unit.ratios.push({
      ratio: 'custom',
      label: `${label}占比`,
      value: m[4] as string,
      numerator: `${m[2] as string}${m[3] as string}`,
      denominator: whole.total,
      quote: sentenceAround(text, m.index, m.index + m[0].length),
      where: line.where,
    });
  }
}

/**
 * The budget the rates are computed from: for each figure, the first amount the report states (a
 * later statement of another value is then a conflict with it, as the core reports), else the
 * figure worked out from stated ones.
 */
export function budgetOf(amounts: readonly XAmount[]): Map<string, XAmount> {
  const out = new Map<string, XAmount>();
  for (const a of amounts) if (a.derived === undefined && !out.has(a.field)) out.set(a.field, a);
  // a figure worked out from others only where none is stated
  for (const a of amounts) if (!out.has(a.field)) out.set(a.field, a);
  return out;
}
