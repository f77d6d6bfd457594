/**
 * From the file format to the exact model: schema validation (zod), then every number parsed
 * exactly, amounts converted to 元, codes generated, weights checked. Bad input never half-passes:
 * all issues are collected and thrown together as one InputError naming each field path.
 */
import { z } from 'zod';
import {
  HUNDRED,
  ZERO,
  add,
  eq,
  gt,
  isNegative,
  mul,
  type Rat,
  sum,
  toPlain,
  toRat,
  cmp,
} from './decimal/index.ts';
import { DEFAULT_ROUNDING } from './decimal/rounding.ts';
import type * as M from './model.ts';
import { splitAmount } from './amounts.ts';
import { parseQuantity, parseStatedRate, parseTarget } from './quantity.ts';
import { RATIO_NAMES, isHeadcountRatio, isRatioCode, isRatioScope } from './ratios.ts';
import {
  Evaluation as EvaluationSchema,
  type EvaluationInput,
  type IndicatorInputT,
  type StatementInput,
} from './schema/evaluation.ts';
import type { AmountInputT } from './schema/primitives.ts';

export interface InputIssue {
  path: string;
  message: string;
}

/** Bad input: the file cannot be used as it is. Every issue names its field path. */
export class InputError extends Error {
  readonly issues: InputIssue[];
  constructor(issues: InputIssue[]) {
    super(issues.map((i) => `${i.path}：${i.message}`).join('\n'));
    this.name = 'InputError';
    this.issues = issues;
  }
}

const zhErrors = z.locales.zhCN().localeError;

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += (out === '' ? '' : '.') + String(p);
  }
  return out === '' ? '（根）' : out;
}

/**
 * How deep a file may nest (objects and arrays). An indicator tree is a handful of levels; a file
 * nested thousands deep is not an evaluation, and validating it recursively would exhaust the stack.
 */
export const MAX_NESTING = 64;

/** The path of the first value nested deeper than `limit`, found without recursion. */
function tooDeep(json: unknown, limit: number): PropertyKey[] | undefined {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: json, path: [] }];
  while (stack.length > 0) {
    const top = stack.pop();
    if (top === undefined) break;
    const { value, path } = top;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length >= limit) return path;
    const entries: [PropertyKey, unknown][] = Array.isArray(value)
      ? value.map((v, i): [PropertyKey, unknown] => [i, v])
      : Object.entries(value);
    for (const [key, child] of entries) stack.push({ value: child, path: [...path, key] });
  }
  return undefined;
}

/** Validate and normalize a parsed JSON value. Throws InputError. */
export function parseEvaluation(json: unknown): M.Evaluation {
  const deep = tooDeep(json, MAX_NESTING);
  if (deep !== undefined)
    throw new InputError([
      {
        path: formatPath(deep.slice(0, 8)),
        message: `嵌套超过 ${String(MAX_NESTING)} 层，不是有效的评价文件`,
      },
    ]);
  const parsed = EvaluationSchema.safeParse(json, { error: zhErrors });
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  const n = new Normalizer(parsed.data);
  const ev = n.run();
  if (n.issues.length > 0) throw new InputError(n.issues);
  return ev;
}

const TEN_THOUSAND: Rat = { n: 10000n, d: 1n };

const DEFAULT_GRADES: M.GradeBand[] = [
  { grade: '优', min: { n: 90n, d: 1n } },
  { grade: '良', min: { n: 80n, d: 1n } },
  { grade: '中', min: { n: 60n, d: 1n } },
  { grade: '差', min: ZERO },
];

export const DEFAULT_SURVEY_LEVELS: M.SurveyLevel[] = [
  { label: '非常满意', weight: { n: 1n, d: 1n } },
  { label: '满意', weight: { n: 1n, d: 2n } },
  { label: '一般', weight: { n: 1n, d: 4n } },
  { label: '不满意', weight: ZERO },
];

function shareOf(input: number | string): Rat | undefined {
  if (typeof input === 'string' && input.trim().endsWith('%')) {
    const r = toRat(input.trim().slice(0, -1).trim());
    return r && { n: r.n, d: r.d * 100n };
  }
  return toRat(typeof input === 'string' ? input.trim() : input);
}

class Normalizer {
  readonly issues: InputIssue[] = [];
  private readonly input: EvaluationInput;
  private readonly unit: M.AmountUnit;
  private readonly codes = new Map<string, string>();

  constructor(input: EvaluationInput) {
    this.input = input;
    this.unit = input.amountUnit ?? '元';
  }

  private issue(path: string, message: string): void {
    this.issues.push({ path, message });
  }

  private dec(value: number | string, path: string, opts: { negative?: boolean } = {}): Rat | undefined {
    const r = toRat(typeof value === 'string' ? value.trim() : value);
    if (r === undefined) {
      this.issue(path, '应为数字');
      return undefined;
    }
    if (!opts.negative && isNegative(r)) {
      this.issue(path, '不能为负数');
      return undefined;
    }
    return r;
  }

  private optDec(value: number | string | undefined, path: string): Rat | undefined {
    return value === undefined ? undefined : this.dec(value, path);
  }

  /** An amount in 元. */
  amount(value: AmountInputT | undefined, path: string, opts: { negative?: boolean } = {}): Rat | undefined {
    if (value === undefined) return undefined;
    let text: string | number;
    let unit: M.AmountUnit = this.unit;
    if (typeof value === 'object') {
      text = value.value;
      unit = value.unit;
    } else if (typeof value === 'string') {
      const split = splitAmount(value);
      if (split.unit !== undefined) unit = split.unit;
      else if (/[^\d.,+-]/.test(split.number)) {
        this.issue(
          path,
          `金额“${value}”单位不明确或不是数字：请写作“33.46万元”“7,202,507.26元”，或使用 {"value": …, "unit": "万元"}`,
        );
        return undefined;
      }
      text = split.number;
    } else {
      text = value;
    }
    const r = this.dec(text, path, opts);
    if (r === undefined) return undefined;
    return unit === '万元' ? mul(r, TEN_THOUSAND) : r;
  }

  private line(
    l:
      | { initial?: AmountInputT; adjustment?: AmountInputT; annual?: AmountInputT; executed?: AmountInputT }
      | undefined,
    path: string,
  ): M.BudgetLine | undefined {
    if (!l) return undefined;
    return {
      initial: this.amount(l.initial, `${path}.initial`),
      adjustment: this.amount(l.adjustment, `${path}.adjustment`, { negative: true }),
      annual: this.amount(l.annual, `${path}.annual`),
      executed: this.amount(l.executed, `${path}.executed`),
    };
  }

  private budget(): M.Budget {
    const b = this.input.budget ?? {};
    const p = 'budget';
    return {
      ...this.line(b, p),
      planned: this.amount(b.planned, `${p}.planned`),
      received: this.amount(b.received, `${p}.received`),
      carryOver: this.amount(b.carryOver, `${p}.carryOver`),
      basic: this.line(b.basic, `${p}.basic`),
      personnel: this.line(b.personnel, `${p}.personnel`),
      publicFunds: this.line(b.publicFunds, `${p}.publicFunds`),
      project: this.line(b.project, `${p}.project`),
      sources: (b.sources ?? []).map((s, i) => ({ name: s.name, ...this.line(s, `${p}.sources[${i}]`) })),
      threePublic: b.threePublic && {
        budget: this.amount(b.threePublic.budget, `${p}.threePublic.budget`),
        executed: this.amount(b.threePublic.executed, `${p}.threePublic.executed`),
        previousYear: this.amount(b.threePublic.previousYear, `${p}.threePublic.previousYear`),
      },
      procurement: b.procurement && {
        budget: this.amount(b.procurement.budget, `${p}.procurement.budget`),
        executed: this.amount(b.procurement.executed, `${p}.procurement.executed`),
      },
      cost: b.cost && {
        planned: this.amount(b.cost.planned, `${p}.cost.planned`),
        actual: this.amount(b.cost.actual, `${p}.cost.actual`),
      },
    };
  }

  private staffCounts(
    c: Record<string, number | string | undefined> | undefined,
    path: string,
  ): M.StaffCounts | undefined {
    if (!c) return undefined;
    return {
      total: this.optDec(c.total, `${path}.total`),
      administrative: this.optDec(c.administrative, `${path}.administrative`),
      institutional: this.optDec(c.institutional, `${path}.institutional`),
      service: this.optDec(c.service, `${path}.service`),
    };
  }

  private staffing(): M.Staffing {
    const s = this.input.staffing ?? {};
    return {
      authorized: this.staffCounts(s.authorized, 'staffing.authorized'),
      actual: this.staffCounts(s.actual, 'staffing.actual'),
      retired: this.optDec(s.retired, 'staffing.retired'),
    };
  }

  private share(value: number | string, path: string): Rat | undefined {
    const r = shareOf(value);
    if (r === undefined) this.issue(path, '应为比例（如 "60%" 或 0.6）');
    else if (isNegative(r)) this.issue(path, '比例不能为负数');
    return r;
  }

  private rules(): M.Rules {
    const r = this.input.rules ?? {};
    const grades: M.GradeBand[] = [];
    (r.grades ?? []).forEach((g, i) => {
      const min = this.dec(g.min, `rules.grades[${i}].min`);
      if (min) grades.push({ grade: g.grade, min });
    });
    grades.sort((a, b) => cmp(b.min, a.min));
    const ts = r.targetSetting ?? {};
    return {
      rounding: r.rounding ?? DEFAULT_ROUNDING,
      grades: grades.length > 0 ? grades : DEFAULT_GRADES,
      notApplicable: r.notApplicable ?? 'full',
      totalWeight:
        (r.totalWeight !== undefined ? this.dec(r.totalWeight, 'rules.totalWeight') : undefined) ?? HUNDRED,
      minOutputOutcomeShare:
        r.minOutputOutcomeShare !== undefined
          ? this.dec(r.minOutputOutcomeShare, 'rules.minOutputOutcomeShare')
          : undefined,
      targetSetting: {
        above: (ts.above !== undefined ? this.share(ts.above, 'rules.targetSetting.above') : undefined) ?? {
          n: 3n,
          d: 10n,
        },
        below: (ts.below !== undefined ? this.share(ts.below, 'rules.targetSetting.below') : undefined) ?? {
          n: 2n,
          d: 10n,
        },
      },
    };
  }

  private surveys(): M.Survey[] {
    return (this.input.surveys ?? []).map((s, si) => {
      const path = `surveys[${si}]`;
      const levels = s.levels
        ? s.levels.map((l, li) => ({
            label: l.label,
            weight: this.share(l.weight, `${path}.levels[${li}].weight`) ?? ZERO,
          }))
        : DEFAULT_SURVEY_LEVELS;
      const questions = s.questions.map((q, qi) => {
        const qp = `${path}.questions[${qi}]`;
        const shares = new Map<string, Rat>();
        if (q.shares) {
          for (const [label, v] of Object.entries(q.shares)) {
            const r = this.share(v, `${qp}.shares.${label}`);
            if (r) shares.set(label, r);
          }
        } else if (q.counts) {
          const total = Object.values(q.counts).reduce((a, b) => a + b, 0);
          if (total === 0) this.issue(`${qp}.counts`, '问卷答卷数合计为 0');
          else
            for (const [label, c] of Object.entries(q.counts))
              shares.set(label, { n: BigInt(c), d: BigInt(total) });
        } else if (q.rate === undefined) {
          this.issue(qp, '问题需要 shares（各选项占比）、counts（各选项份数）或 rate（得分率）');
        }
        for (const label of shares.keys()) {
          if (!levels.some((l) => l.label === label))
            this.issue(`${qp}.shares.${label}`, `选项“${label}”不在答案等级中`);
        }
        const rate = q.rate !== undefined ? this.share(q.rate, `${qp}.rate`) : undefined;
        return { id: q.id, text: q.text, shares, rate };
      });
      return { id: s.id, name: s.name, respondents: s.respondents, levels, questions };
    });
  }

  private statements(list: StatementInput[] | undefined, path: string): M.Statement[] {
    return (list ?? []).map((s, i) => ({
      score: this.optDec(s.score, `${path}[${i}].score`),
      weight: this.optDec(s.weight, `${path}[${i}].weight`),
      rate: s.rate !== undefined ? parseStatedRate(s.rate) : undefined,
      source: s.source,
      quote: s.quote,
      where: s.where,
    }));
  }

  private actual(a: IndicatorInputT['actual'], path: string): M.Actual {
    if (a === undefined) return { kind: 'none' };
    if (typeof a === 'number') {
      const r = this.dec(a, path, { negative: true });
      return r ? { kind: 'quantity', value: r, percent: false, text: toPlain(r) } : { kind: 'none' };
    }
    if (typeof a === 'string') {
      const q = parseQuantity(a);
      return q ? { kind: 'quantity', ...q } : { kind: 'text', text: a.trim() };
    }
    if ('ratio' in a) {
      if (!isRatioCode(a.ratio)) {
        this.issue(`${path}.ratio`, `未知的比率“${a.ratio}”（可选：${Object.keys(RATIO_NAMES).join('、')}）`);
        return { kind: 'none' };
      }
      if (!isRatioScope(a.ratio, a.scope)) {
        this.issue(`${path}.scope`, `比率“${a.ratio}”不支持范围“${a.scope ?? ''}”`);
        return { kind: 'none' };
      }
      return { kind: 'ratio', ratio: a.ratio, scope: a.scope };
    }
    if ('text' in a) return { kind: 'text', text: a.text };
    const unit = a.unit?.trim();
    const percent = unit === '%';
    const v = this.dec(a.value, `${path}.value`, { negative: true });
    if (!v) return { kind: 'none' };
    const value = percent ? { n: v.n, d: v.d * 100n } : v;
    return { kind: 'quantity', value, unit: unit || undefined, percent, text: `${toPlain(v)}${unit ?? ''}` };
  }

  private target(t: IndicatorInputT['target'], path: string): M.Target | undefined {
    if (t === undefined) return undefined;
    if (typeof t === 'string') return parseTarget(t);
    if ('text' in t) return { kind: 'text', text: t.text };
    const unit = t.unit?.trim();
    const percent = unit === '%';
    const scale = (r: Rat): Rat => (percent ? { n: r.n, d: r.d * 100n } : r);
    const v = this.dec(t.value, `${path}.value`, { negative: true });
    const max = t.max !== undefined ? this.dec(t.max, `${path}.max`, { negative: true }) : undefined;
    if (!v) return undefined;
    if (t.op === 'range' && max === undefined) this.issue(`${path}.max`, '区间目标需要上限 max');
    const opText = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<', range: '' }[t.op];
    const text =
      t.op === 'range'
        ? `${toPlain(v)}-${max ? toPlain(max) : ''}${unit ?? ''}`
        : `${opText}${toPlain(v)}${unit ?? ''}`;
    return {
      kind: 'quantity',
      op: t.op,
      value: scale(v),
      max: max && scale(max),
      unit: unit || undefined,
      percent,
      text,
    };
  }

  private node(input: IndicatorInputT, path: string, level: number, autoCode: string): M.IndicatorNode {
    const code = input.code ?? autoCode;
    const seen = this.codes.get(code);
    if (seen !== undefined) this.issue(`${path}.code`, `指标代码“${code}”重复（已用于 ${seen}）`);
    else this.codes.set(code, path);

    const children = (input.children ?? []).map((c, i) =>
      this.node(c, `${path}.children[${i}]`, level + 1, `${code}.${i + 1}`),
    );
    const declared = input.weight !== undefined ? this.dec(input.weight, `${path}.weight`) : undefined;
    let weight = declared;
    if (children.length > 0) {
      const childSum = sum(children.map((c) => c.weight));
      if (declared === undefined) weight = childSum;
      else if (!eq(declared, childSum)) {
        this.issue(
          `${path}.weight`,
          `“${input.name}”的权重 ${toPlain(declared)} 与下级指标权重之和 ${toPlain(childSum)} 不一致`,
        );
      }
      if (input.method) this.issue(`${path}.method`, '有下级指标的分组不能设置评分方法（得分为下级之和）');
    } else {
      if (input.weight === undefined) this.issue(`${path}.weight`, `末级指标“${input.name}”缺少权重`);
      if (!input.method && !input.notApplicable && !input.override) {
        this.issue(`${path}.method`, `末级指标“${input.name}”缺少评分方法（method）`);
      }
    }
    const w = weight ?? ZERO;
    const override = input.override && {
      score: this.dec(input.override.score, `${path}.override.score`) ?? ZERO,
      reason: input.override.reason,
      by: input.override.by,
      at: input.override.at,
    };
    if (override && gt(override.score, w))
      this.issue(`${path}.override.score`, `调整后得分 ${toPlain(override.score)} 超过权重 ${toPlain(w)}`);
    const method = input.method;
    if (method?.type === 'manual') {
      const s = this.dec(method.score, `${path}.method.score`);
      if (s && gt(s, w))
        this.issue(`${path}.method.score`, `评价人打分 ${toPlain(s)} 超过权重 ${toPlain(w)}`);
    }
    this.checkMethodParams(method, `${path}.method`);
    return {
      code,
      name: input.name,
      level,
      path,
      weight: w,
      dimension: input.dimension,
      children,
      target: this.target(input.target, `${path}.target`),
      actual: this.actual(input.actual, `${path}.actual`),
      method,
      notApplicable:
        input.notApplicable === undefined
          ? undefined
          : input.notApplicable === true
            ? {}
            : { reason: input.notApplicable.reason },
      override,
      deviation: input.deviation,
      measures: input.measures,
      evidence: input.evidence,
      stated: this.statements(input.stated, `${path}.stated`),
    };
  }

  /** Numeric parameters the schema accepted as strings must still be numbers in range. */
  private checkMethodParams(m: IndicatorInputT['method'], path: string): void {
    if (!m) return;
    switch (m.type) {
      case 'band':
        if (m.floor !== undefined) {
          const f = this.share(m.floor, `${path}.floor`);
          if (f && cmp(f, { n: 1n, d: 1n }) >= 0) this.issue(`${path}.floor`, '下限应小于 100%');
        }
        break;
      case 'deduction':
        this.dec(m.perUnit, `${path}.perUnit`);
        if (m.unitSize !== undefined) {
          const u = this.dec(m.unitSize, `${path}.unitSize`);
          if (u && u.n === 0n) this.issue(`${path}.unitSize`, '单位不能为 0');
        }
        break;
      case 'elements':
        m.elements.forEach((e, i) => this.dec(e.points, `${path}.elements[${i}].points`));
        break;
      case 'tiers':
        m.tiers.forEach((t, i) => {
          if (t.score === undefined && t.share === undefined)
            this.issue(`${path}.tiers[${i}]`, '分档需要 score 或 share');
        });
        break;
      case 'threshold':
        if (m.partial !== undefined) this.dec(m.partial, `${path}.partial`);
        break;
      default:
        break;
    }
  }

  private checkRefs(nodes: M.IndicatorNode[], surveys: M.Survey[]): void {
    const walk = (n: M.IndicatorNode): void => {
      const m = n.method;
      if (m?.type === 'over-target') {
        m.refs?.forEach((r, i) => {
          if (!this.codes.has(r)) this.issue(`${n.path}.method.refs[${i}]`, `引用的指标代码“${r}”不存在`);
        });
      }
      if (m?.type === 'likert' && m.survey !== undefined) {
        const s = surveys.find((x) => x.id === m.survey);
        if (!s) this.issue(`${n.path}.method.survey`, `问卷“${m.survey}”不存在`);
        else if (m.question !== undefined && !s.questions.some((q) => q.id === m.question)) {
          this.issue(`${n.path}.method.question`, `问卷“${m.survey}”中没有问题“${m.question}”`);
        }
      }
      n.children.forEach(walk);
    };
    nodes.forEach(walk);
  }

  private claims(): M.Claims {
    const c = this.input.claims ?? {};
    return {
      total: this.statements(c.total, 'claims.total'),
      grade: c.grade ?? [],
      ratios: (c.ratios ?? []).map((r, i) => {
        const path = `claims.ratios[${i}]`;
        const value = parseStatedRate(r.value);
        if (r.ratio !== 'custom' && !isRatioCode(r.ratio))
          this.issue(`${path}.ratio`, `未知的比率“${r.ratio}”（或用 custom 并给出分子分母）`);
        else if (isRatioCode(r.ratio) && !isRatioScope(r.ratio, r.scope))
          this.issue(`${path}.scope`, `比率“${r.ratio}”不支持范围“${r.scope ?? ''}”`);
        else if (r.ratio === 'custom' && (r.numerator === undefined || r.denominator === undefined))
          this.issue(path, 'custom 比率需要给出分子 numerator 和分母 denominator');
        if (!value) this.issue(`${path}.value`, '应为带百分号的比率');
        return {
          ratio: r.ratio,
          scope: r.scope,
          label: r.label,
          value: value ?? { value: ZERO, places: 0, text: r.value },
          numerator: this.figure(isHeadcountRatio(r.ratio), r.numerator, `${path}.numerator`),
          denominator: this.figure(isHeadcountRatio(r.ratio), r.denominator, `${path}.denominator`),
          quote: r.quote,
          where: r.where,
          path,
        };
      }),
      amounts: (c.amounts ?? []).map((a, i) => ({
        field: a.field,
        value: this.amountForField(a.field, a.value, `claims.amounts[${i}].value`) ?? ZERO,
        quote: a.quote,
        where: a.where,
        path: `claims.amounts[${i}]`,
      })),
      sums: (c.sums ?? []).map((s, i) => {
        const path = `claims.sums[${i}]`;
        return {
          label: s.label,
          parts: s.parts.map((p, j) => ({
            label: p.label,
            value: this.amount(p.value, `${path}.parts[${j}].value`, { negative: true }) ?? ZERO,
          })),
          total: this.amount(s.total, `${path}.total`, { negative: true }) ?? ZERO,
          quote: s.quote,
          where: s.where,
          path,
        };
      }),
      counts: (c.counts ?? []).map((k, i) => ({ ...k, path: `claims.counts[${i}]` })),
    };
  }

  /** Staffing figures are head counts, not money: no unit conversion. */
  private amountForField(field: string, value: AmountInputT, path: string): Rat | undefined {
    return this.figure(field.startsWith('staffing.'), value, path);
  }

  /** A money amount, or — for head counts — a plain number. */
  private figure(headcount: boolean, value: AmountInputT | undefined, path: string): Rat | undefined {
    if (value === undefined) return undefined;
    if (headcount) return this.dec(typeof value === 'object' ? value.value : value, path, { negative: true });
    return this.amount(value, path, { negative: true });
  }

  run(): M.Evaluation {
    const i = this.input;
    const surveys = this.surveys();
    const indicators = i.indicators.map((n, k) => this.node(n, `indicators[${k}]`, 1, String(k + 1)));
    this.checkRefs(indicators, surveys);
    const index = new Map<string, M.IndicatorNode>();
    const walk = (n: M.IndicatorNode): void => {
      index.set(n.code, n);
      n.children.forEach(walk);
    };
    indicators.forEach(walk);
    return {
      id: i.id,
      title: i.title,
      kind: i.kind,
      mode: i.mode,
      fiscalYear: i.fiscalYear,
      unit: i.unit,
      project: i.project,
      evaluator: i.evaluator,
      template: i.template,
      amountUnit: this.unit,
      budget: this.budget(),
      staffing: this.staffing(),
      goals: i.goals,
      rules: this.rules(),
      surveys,
      indicators,
      index,
      problems: (i.problems ?? []).map((p) => ({ text: p.text, indicators: p.indicators ?? [] })),
      suggestions: i.suggestions ?? [],
      claims: this.claims(),
    };
  }
}

/** Σ of level-1 weights. */
export function treeWeight(ev: M.Evaluation): Rat {
  return ev.indicators.reduce((acc, n) => add(acc, n.weight), ZERO);
}
