/**
 * The extracted report as evaluation files of the core format — one per unit, every indicator
 * scored by the score the report gives it (an evaluator's score, "报告所列得分"), every figure a
 * quoted claim — and the core's audit run on each, its findings kept with their quotes.
 *
 * What the report does not state is not made up: a leaf without a weight takes its score as the
 * weight (and findings that would rest on that weight are dropped); a leaf without a score is
 * left out of the file and named in `unextracted`.
 */
import { auditAcross, auditEvaluation } from '../core/audit/index.ts';
import { type Finding } from '../core/audit/finding.ts';
import { eq, fromInt, gt, lte, parseDecimal } from '../core/decimal/index.ts';
import { FORMAT } from '../core/schema/evaluation.ts';
import { scoreEvaluation } from '../core/engine.ts';
import { DEFAULT_SURVEY_LEVELS, InputError, parseEvaluation } from '../core/normalize.ts';
import { unitsDiffer } from '../core/quantity.ts';
import type { ScoreResult } from '../core/result.ts';
import type { CheckedUnit, CheckFinding } from './check.ts';
import type { Extracted } from './extract.ts';
import { budgetOf } from './facts.ts';
import { departmentFindings } from './across.ts';
import { sumText } from './text.ts';
import {
  type XCount,
  type XNode,
  type XStatement,
  type XSurvey,
  type XUnit,
  countNodes,
  leaves,
} from './tree.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

interface Built {
  input: Record<string, unknown>;
  /** Codes of leaves whose weight is their score (not stated). */
  inferred: Set<string>;
  skipped: string[];
  /** Stated counts of a group's indicators checked here, against its scored indicators. */
  leafCounts: (XCount & { actual: number })[];
  /** Codes of groups with an inferred weight below them. */
  inferredGroups: Set<string>;
}

function statement(s: XStatement): Record<string, unknown> {
  return {
    ...(s.score !== undefined ? { score: s.score } : {}),
    ...(s.weight !== undefined ? { weight: s.weight } : {}),
    ...(s.rate !== undefined ? { rate: s.rate } : {}),
    source: s.source,
    quote: s.quote,
    ...(s.where !== '' ? { where: s.where } : {}),
  };
}

/** A figure a node is given: a table's first, then the text's. */
function statedOf(n: XNode, key: 'weight' | 'score'): string | undefined {
  return (n.stated.find((s) => s.source === 'table' && s[key] !== undefined) ??
    n.stated.find((s) => s[key] !== undefined))?.[key];
}

const weightOf = (n: XNode): string | undefined => statedOf(n, 'weight');
const scoreOf = (n: XNode): string | undefined => statedOf(n, 'score');

const OP =
  /(≥|≤|>=|<=|＞|＜|>|<|=|＝|不少于|不低于|不超过|不高于|大于等于|小于等于|超过|大于|小于|低于|达到)\s*\d/;
/** The units of measure an indicator's figures are counted in, longest first. */
const UNITS = '人次|场次|万元|元|人|次|个|家|户|条|篇|场|种|项|份|%';
const QUANTITY = new RegExp(String.raw`^(\d[\d,]*(?:\.\d+)?)\s*(${UNITS})`);

/** "参保人数超过25000人" → "超过25000人": the target from its comparison on. */
function targetText(t: string): string {
  const m = OP.exec(t);
  if (!m || m.index === 0) return t;
  return t.slice(m.index).replace(/^达到/, '≥').replace(/^超过/, '>');
}

/** "33000人参保" → "33000人", "满意度92.49%" → "92.49%": the result and its unit, without the words. */
function actualText(a: string): string {
  const bare = a.replace(/\s+/g, '');
  // only words that say it is the result: a rate named otherwise (在职人员控制率为175%) is not one to meet
  const m = QUANTITY.exec(
    bare.replace(
      /^(?:[\u4e00-\u9fff]{0,8}满意(?:度|率)|实际(?:完成)?|完成|达到)(?:为|达到?|：|:)?(?=\d)/,
      '',
    ),
  );
  return m ? `${m[1] as string}${m[2] as string}` : a;
}

const FIGURE = new RegExp(
  String.raw`(≥|≤|>=|<=|不少于|不低于|不超过|不高于|超过|达到)?\s*(?<![\d.])(\d[\d,]*(?:\.\d+)?)\s*(${UNITS})`,
  'g',
);
const TARGET_OP: Record<string, string> = {
  不少于: '≥',
  不低于: '≥',
  达到: '≥',
  不超过: '≤',
  不高于: '≤',
  超过: '>',
};

/** "组织技术技能竞赛活动20次", "对不低于20家基层工会进行审计": the target an indicator's name states. */
function targetInName(name: string): string | undefined {
  const all = [...name.matchAll(FIGURE)];
  if (all.length !== 1) return undefined;
  const m = all[0] as RegExpMatchArray;
  return `${TARGET_OP[m[1] ?? ''] ?? m[1] ?? ''}${(m[2] as string).replace(/,/g, '')}${m[3] as string}`;
}

/**
 * The result the indicator's paragraph gives for a target in units: the first figure in the
 * target's unit ("开展28场次" for 20次; "覆盖基层工会单位92家" for 不低于20家).
 */
function actualInEvidence(n: XNode, target: string): string | undefined {
  const unit = /(\D+)$/.exec(target)?.[1];
  if (unit === undefined || unit === '%') return undefined;
  for (const text of n.evidence ?? [])
    for (const m of text.matchAll(FIGURE))
      if (m[1] === undefined && !unitsDiffer(m[3] as string, unit))
        return `${m[2] as string}${m[3] as string}`;
  return undefined;
}

const SATISFACTION = /满意(?:度|率)/;

/** "职工对…的工作总体满意度为95%": the result a satisfaction indicator's paragraph states. */
function satisfactionIn(n: XNode): string | undefined {
  for (const text of n.evidence ?? []) {
    const m = /满意(?:度|率)(?:为|达到?|是|：|:)?\s*(\d+(?:\.\d+)?%)/.exec(text);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * 不适用, as the indicator's record shows it: no such spending at all ("政府采购预算0万元，决算金额0万元",
 * "无“三公经费”支出", "无固定资产", "无标准建设项目"), or said outright. The reason, as written.
 */
const NA_ZERO =
  /预算[^，。；]{0,8}?(?<![\d.,])0(?:\.0+)?\s*万?元[^。；]{0,20}?(?:决算|支出|执行)[^，。；]{0,8}?(?<![\d.,])0(?:\.0+)?\s*万?元/;
const NA_NONE =
  /(?:无|没有|未发生|不涉及)[“"]?(?:(?!违|超|挪|虚|截|问题)[\u4e00-\u9fff]){0,6}?(?:固定资产|建设项目|政府采购|采购|三公经费|公用经费|资产)/;

function notApplicableIn(n: XNode): string | undefined {
  for (const text of [n.actual ?? '', ...(n.evidence ?? [])])
    // "无标准建设项目.依据评分标准" — a full stop typed as a point
    for (const sentence of text
      .replace(/(?<=[\u4e00-\u9fff])\.(?=[\u4e00-\u9fff])/g, '。')
      .split(/(?<=[。；])/))
      if (NA_ZERO.test(sentence) || NA_NONE.test(sentence) || /不适用/.test(sentence))
        return sentence.replace(/[。；]$/, '').trim();
  return undefined;
}

const SATISFACTION_RULE = '满意度指标的评分标准（按满意度计分）';

function sameFigure(a: string, b: string): boolean {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  return x !== undefined && y !== undefined && eq(x, y);
}

function minText(a: string, b: string): string {
  const x = parseDecimal(a);
  const y = parseDecimal(b);
  return x !== undefined && y !== undefined && lte(x, y) ? a : b;
}

function buildNodes(
  nodes: readonly XNode[],
  prefix: string,
  b: Built,
  used: Set<string>,
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  nodes.forEach((n, i) => {
    let code =
      n.code !== undefined && !used.has(n.code)
        ? n.code
        : prefix === ''
          ? (LETTERS[i] ?? `X${String(i)}`)
          : `${prefix}${String(i + 1)}`;
    while (used.has(code)) code = `${code}_`;
    used.add(code);
    const stated = n.stated.map(statement);
    if (n.children.length > 0) {
      const inferredBefore = b.inferred.size + b.inferredGroups.size;
      const children = buildNodes(n.children, code, b, used);
      if (children.length === 0) return;
      if (b.inferred.size + b.inferredGroups.size > inferredBefore) b.inferredGroups.add(code);
      out.push({ code, name: n.name, ...(stated.length > 0 ? { stated } : {}), children });
      return;
    }
    const score = scoreOf(n);
    if (score === undefined) {
      // a heading that named a group no indicator was found under is not an indicator
      if (weightOf(n) !== undefined)
        b.skipped.push(`指标“${n.name}”：有分值 ${weightOf(n) ?? ''}，未找到得分，未计入`);
      return;
    }
    let weight = weightOf(n);
    if (weight === undefined) {
      weight = score;
      b.inferred.add(code);
    }
    const target = n.target !== undefined && n.target !== '' ? targetText(n.target) : targetInName(n.name);
    let actual = n.actual !== undefined && n.actual !== '' ? actualText(n.actual) : undefined;
    if (!/^\d/.test(actual ?? '') && target !== undefined) actual = actualInEvidence(n, target) ?? actual;
    const satisfaction = SATISFACTION.test(n.name);
    if (actual === undefined && satisfaction) actual = satisfactionIn(n);
    // full marks for what did not happen: the core reports it, by the reason the record gives
    const na = b.inferred.has(code) || !sameFigure(score, weight) ? undefined : notApplicableIn(n);
    out.push({
      code,
      name: n.name,
      weight,
      ...(target !== undefined ? { target } : {}),
      ...(actual !== undefined ? { actual } : {}),
      ...(na !== undefined ? { notApplicable: { reason: na } } : {}),
      method: {
        type: 'manual',
        score: minText(score, weight),
        reason: '报告所列得分',
        // one report scores its satisfaction indicators of one weight by one standard
        ...(satisfaction ? { rule: SATISFACTION_RULE } : {}),
      },
      ...(stated.length > 0 ? { stated } : {}),
    });
  });
  return out;
}

function build(x: Extracted, u: XUnit, id: string): Built {
  const b: Built = { input: {}, inferred: new Set(), skipped: [], leafCounts: [], inferredGroups: new Set() };
  const indicators = buildNodes(u.roots, '', b, new Set());
  const data = budgetOf(u.amounts);
  const budget: Record<string, Record<string, string> | Record<string, string>[] | string> = {};
  const sources: Record<string, string>[] = u.sources.map((name) => ({ name }));
  for (const [field, a] of data) {
    const path = field.split('.').slice(1);
    const source = /^sources\[(\d+)\]$/.exec(path[0] as string);
    if (source) {
      const line = sources[Number(source[1])];
      if (line) line[path[1] as string] = a.value;
    } else if (path.length === 1) budget[path[0] as string] = a.value;
    else {
      const line = (budget[path[0] as string] ??= {}) as Record<string, string>;
      line[path[1] as string] = a.value;
    }
  }
  if (sources.some((s) => Object.keys(s).length > 1)) budget['sources'] = sources;
  const groupCode = (name: string): string | undefined => {
    const k = u.roots.findIndex((r) => r.name === name);
    const node = indicators[k];
    return node === undefined ? undefined : (node.code as string);
  };
  const depth = (nodes: readonly XNode[], d: number): number[] =>
    nodes.flatMap((n) => (n.children.length === 0 ? [d] : depth(n.children, d + 1)));
  // questionnaires whose answers are the default levels the core weighs; the others are checked here
  const surveys = u.surveys.filter(defaultLevels);
  b.input = {
    format: FORMAT,
    id,
    ...(x.title !== undefined ? { title: x.title } : {}),
    kind: x.kind ?? 'department',
    mode: x.mode,
    fiscalYear: x.year ?? new Date().getFullYear() - 1,
    unit: { name: u.name },
    amountUnit: '元',
    ...(Object.keys(budget).length > 0 ? { budget } : {}),
    indicators,
    ...(surveys.length > 0
      ? {
          surveys: surveys.map((s, i) => ({
            id: `s${String(i + 1)}`,
            name: s.name,
            ...(s.respondents !== undefined ? { respondents: s.respondents } : {}),
            questions: s.questions.map((q) => ({
              id: q.id,
              ...(q.text !== undefined ? { text: q.text } : {}),
              shares: q.shares,
            })),
          })),
        }
      : {}),
    claims: {
      total: u.total.map(statement),
      grade: u.grade.map((g) => ({ grade: g.grade, quote: g.quote, where: g.where })),
      ratios: u.ratios
        .filter((r) => r.numerator !== undefined || (r.needs !== undefined && data.has(r.needs)))
        .map((r) => ({
          ratio: r.ratio,
          ...(r.scope !== undefined ? { scope: r.scope } : {}),
          label: r.label,
          value: r.value,
          ...(r.numerator !== undefined && r.denominator !== undefined
            ? { numerator: r.numerator, denominator: r.denominator }
            : {}),
          quote: r.quote,
          where: r.where,
        })),
      amounts: u.amounts
        .filter((a) => a.derived === undefined)
        .map((a) => ({ field: a.field, value: a.value, quote: a.quote, where: a.where })),
      sums: u.sums.map((s) => ({
        label: s.label,
        parts: s.parts,
        total: s.total,
        quote: s.quote,
        where: s.where,
      })),
      // "由6个三级指标构成" counts the scored indicators: the core counts nodes at a level, which
      // is the same only when every scored indicator under the group is at that level
      counts: u.counts.flatMap((c) => {
        const under = groupCode(c.group);
        const root = u.roots.find((r) => r.name === c.group);
        if (under === undefined || !root || root.children.length === 0) return [];
        if (!depth(root.children, 2).every((d) => d === c.level)) {
          b.leafCounts.push({ ...c, actual: leaves(root.children).length });
          return [];
        }
        return [{ level: c.level, under, value: c.value, quote: c.quote, where: c.where }];
      }),
    },
  };
  return b;
}

/** Findings that would rest on a weight the checker inferred, or on scores it does not have. */
function relevant(f: Finding, b: Built): boolean {
  if (f.kind === 'weights-total') return false;
  if (f.kind === 'unscorable' || f.kind === 'output-outcome-share') return false;
  const inferred = b.inferred.has(f.location) || b.inferredGroups.has(f.location);
  if (
    inferred &&
    (f.kind === 'score-above-weight' || f.kind === 'weight-mismatch' || f.kind === 'unexplained-deduction')
  )
    return false;
  return true;
}

/** Each indicator's first quoted statement, by code: the passage a finding on it quotes. */
function quotesByCode(
  nodes: readonly Record<string, unknown>[],
  out = new Map<string, { quote: string; where?: string }>(),
) {
  for (const n of nodes) {
    const first = (n.stated as { quote: string; where?: string }[] | undefined)?.[0];
    if (first) out.set(n.code as string, first);
    quotesByCode((n.children as Record<string, unknown>[] | undefined) ?? [], out);
  }
  return out;
}

type Quotes = Map<string, { quote: string; where?: string }>;

function toCheck(f: Finding, unit: string, quotes: Quotes): CheckFinding {
  const q = f.quote !== undefined ? { quote: f.quote, where: f.where } : quotes.get(f.location);
  // every finding quotes its passage: the core's message does for a claim, not for an indicator
  const cited =
    q !== undefined && !f.message.includes(q.quote)
      ? `${q.where !== undefined ? `${q.where}：` : ''}“${q.quote}”：`
      : '';
  return {
    severity: f.severity,
    kind: f.kind,
    message: `${cited}${f.message}`,
    ...(q?.quote !== undefined ? { quote: q.quote } : {}),
    ...(q?.where !== undefined ? { where: q.where } : {}),
    unit,
  };
}

/**
 * What the core does not check and the text shows: a question's shares of levels the core does
 * not know, a count of the scored indicators of a deeper tree, an indicator's elements scored above
 * its weight, a target in another unit than its indicator declares.
 */
function textFindings(u: XUnit, b: Built): CheckFinding[] {
  const out: CheckFinding[] = [];
  for (const s of u.surveys.filter((x) => !defaultLevels(x)))
    for (const q of s.questions) {
      const values = Object.values(q.shares).map((v) => v.replace('%', ''));
      const total = sumText(values);
      const t = total === undefined ? undefined : parseDecimal(total);
      if (total === undefined || t === undefined || eq(t, fromInt(100))) continue;
      out.push({
        severity: 'warning',
        kind: 'shares-not-100',
        message: `${q.where}：“${q.quote}”：问卷“${s.name}”第 ${q.id} 题各选项占比之和为 ${values.map((v) => `${v}%`).join(' + ')} = ${total}%，不等于 100%`,
        quote: q.quote,
        where: q.where,
        unit: u.name,
      });
    }
  for (const c of b.leafCounts) {
    if (c.actual === c.value) continue;
    out.push({
      severity: 'error',
      kind: 'count-mismatch',
      message: `${c.where}：“${c.quote}”：“${c.group}”下评分的指标实有 ${String(c.actual)} 个，所述为 ${String(c.value)} 个`,
      quote: c.quote,
      where: c.where,
      unit: u.name,
    });
  }
  for (const e of u.elements) {
    const weight = findWeight(b.input.indicators as Record<string, unknown>[], e.code);
    const total = sumText(e.scores);
    if (weight === undefined || total === undefined || b.inferred.has(e.code)) continue;
    const [w, t] = [parseDecimal(weight), parseDecimal(total)];
    if (w === undefined || t === undefined || !gt(t, w)) continue;
    out.push({
      severity: 'error',
      kind: 'elements-exceed-weight',
      message: `${e.where}：“${e.quote}”：${e.code} 各要素得分 ${e.scores.join(' + ')} = ${total} 分，超过其分值 ${weight} 分`,
      quote: e.quote,
      where: e.where,
      unit: u.name,
    });
  }
  for (const m of u.measures) {
    if (!unitsDiffer(m.declared.replace('％', '%'), m.unit.replace('％', '%'))) continue;
    out.push({
      severity: 'warning',
      kind: 'unit-mismatch',
      message: `${m.where}：“${m.quote}”：指标“${m.indicator}”的计量单位为“${m.declared}”，而指标值 ${m.target} 的单位为“${m.unit}”`,
      quote: m.quote,
      where: m.where,
      unit: u.name,
    });
  }
  return out;
}

/** The answer levels the core weighs when a questionnaire names none (非常满意 1 … 不满意 0). */
const DEFAULT_LEVELS = new Set(DEFAULT_SURVEY_LEVELS.map((l) => l.label));
const defaultLevels = (s: XSurvey): boolean =>
  s.questions.every((q) => Object.keys(q.shares).every((k) => DEFAULT_LEVELS.has(k)));

/** The weight the built evaluation gives the indicator with that code. */
function findWeight(nodes: readonly Record<string, unknown>[], code: string): string | undefined {
  for (const n of nodes) {
    if (n.code === code) return typeof n.weight === 'string' ? n.weight : undefined;
    const w = findWeight((n.children as Record<string, unknown>[] | undefined) ?? [], code);
    if (w !== undefined) return w;
  }
  return undefined;
}

/** Audits each unit of `x`; `id` names the evaluation files built (`id-1`, `id-2` …). */
export function auditUnits(
  x: Extracted,
  id: string,
): {
  units: CheckedUnit[];
  findings: CheckFinding[];
  unextracted: string[];
} {
  const units: CheckedUnit[] = [];
  const findings: CheckFinding[] = [];
  const unextracted: string[] = [];
  const scored: { name: string; result: ScoreResult; quotes: Quotes }[] = [];
  x.units.forEach((u, i) => {
    if (leaves(u.roots).length === 0 && u.total.length === 0 && u.amounts.length === 0) return;
    const one = scoreUnit(x, u, `${id}-${String(i + 1)}`, unextracted);
    if (!one) return;
    const { b, result, quotes } = one;
    if (b.inferred.size > 0)
      unextracted.push(
        `${u.name}：${String(b.inferred.size)} 项指标未写明分值，按所列得分计（不检查其扣分）`,
      );
    scored.push({ name: u.name, result, quotes });
    for (const f of auditEvaluation(result)) if (relevant(f, b)) findings.push(toCheck(f, u.name, quotes));
    findings.push(...textFindings(u, b));
    const rootScores = u.roots.map((r) => scoreOf(r));
    const computed = rootScores.every((s) => s !== undefined)
      ? sumText(rootScores)
      : sumText(leaves(u.roots).flatMap((l) => (scoreOf(l) !== undefined ? [scoreOf(l) as string] : [])));
    const stated = u.total.find((t) => t.score !== undefined)?.score;
    units.push({
      unit: u.name,
      ...(stated !== undefined ? { statedTotal: stated } : {}),
      ...(computed !== undefined && leaves(u.roots).length > 0 ? { computedTotal: computed } : {}),
      ...(u.grade[0] !== undefined ? { grade: u.grade[0].grade } : {}),
      leaves: leaves(u.roots).length,
      nodes: countNodes(u.roots),
      evaluation: b.input,
    });
  });
  // a department's units side by side: the same rule and the same result must score alike
  if (scored.length > 1)
    for (const f of auditAcross(scored)) {
      const k = f.location.lastIndexOf(':');
      const unit = scored.find((s) => s.name === f.location.slice(0, k));
      if (unit) findings.push(toCheck({ ...f, location: f.location.slice(k + 1) }, unit.name, unit.quotes));
    }
  if (x.department) {
    // what the report states of the whole department is checked as a unit's statements are
    const d = x.department;
    const one =
      d.sums.length + d.amounts.length + d.ratios.length > 0
        ? scoreUnit(x, d, `${id}-0`, unextracted)
        : undefined;
    if (one)
      for (const f of auditEvaluation(one.result))
        if (f.location.startsWith('claims.')) findings.push(toCheck(f, d.name, one.quotes));
    findings.push(...departmentFindings(d, x.units, unextracted));
  }
  return { units, findings, unextracted };
}

/**
 * A unit's evaluation file built, scored and its quotes gathered; undefined (and said) when what
 * was extracted does not make a valid file. A unit without indicators (the department as a whole)
 * is given one that carries its statements only.
 */
function scoreUnit(
  x: Extracted,
  u: XUnit,
  id: string,
  unextracted: string[],
): { b: Built; result: ScoreResult; quotes: Quotes } | undefined {
  const b = build(x, u, id);
  if ((b.input.indicators as unknown[]).length === 0)
    b.input.indicators = [
      {
        code: 'A',
        name: '（无指标，仅核对所述数字）',
        weight: 100,
        method: { type: 'manual', score: 100, reason: '仅核对所述数字' },
      },
    ];
  unextracted.push(...b.skipped.map((s) => `${u.name}：${s}`));
  let result;
  try {
    result = scoreEvaluation(parseEvaluation(b.input));
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    unextracted.push(
      `${u.name}：提取的数据不完整，未能核算（${e.issues.map((s) => `${s.path}：${s.message}`).join('；')}）`,
    );
    return undefined;
  }
  const quotes = quotesByCode(b.input.indicators as Record<string, unknown>[]);
  // a finding on a budget figure quotes where the figure is stated, one on a question the question
  for (const [field, a] of budgetOf(u.amounts)) if (!quotes.has(field)) quotes.set(field, a);
  u.surveys.filter(defaultLevels).forEach((s, i) => {
    s.questions.forEach((q, j) => quotes.set(`surveys[${String(i)}].questions[${String(j)}]`, q));
  });
  return { b, result, quotes };
}
