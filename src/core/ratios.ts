/**
 * Standard financial ratios (财预〔2013〕53号 共性指标, 财预〔2020〕10号), computed from the budget
 * and staffing data, never typed in. A zero denominator or missing data gives value null with the
 * reason, never NaN or Infinity. Asking for an unknown ratio or scope is misuse and throws.
 */
import { type Rat, ZERO, add, div, formatPercent, isZero, sub, sum, toPlain } from './decimal/index.ts';
import { formatMoney } from './amounts.ts';
import type { Budget, BudgetLine, Evaluation, StaffCounts } from './model.ts';
import type { RatioResult } from './result.ts';

const NAMES = {
  executionRate: '预算执行率',
  adjustmentRate: '预算调整率',
  fundsInPlaceRate: '资金到位率',
  carryOverRate: '结转结余率',
  staffControlRate: '在职人员控制率',
  threePublicControlRate: '三公经费控制率',
  threePublicChangeRate: '三公经费变动率',
  publicFundsControlRate: '公用经费控制率',
  projectShare: '项目安排率',
  procurementExecutionRate: '政府采购执行率',
  costSavingRate: '成本节约率',
} as const;

export type RatioCode = keyof typeof NAMES;

/** Chinese names by ratio code. */
export const RATIO_NAMES: Readonly<Record<string, string>> = NAMES;

export function isRatioCode(s: string): s is RatioCode {
  return Object.hasOwn(NAMES, s);
}

const LINE_SCOPES = {
  basic: '基本支出',
  project: '项目支出',
  personnel: '人员经费',
  publicFunds: '公用经费',
} as const;
const STAFF_SCOPES = {
  total: '合计',
  administrative: '行政',
  institutional: '事业',
  service: '工勤',
} as const;
type LineScope = keyof typeof LINE_SCOPES;

const PARTS: Readonly<Record<string, string>> = {
  ...LINE_SCOPES,
  threePublic: '“三公”经费',
  procurement: '政府采购',
  cost: '成本',
};
const FIGURES: Readonly<Record<string, string>> = {
  initial: '年初预算数',
  adjustment: '预算调整数',
  annual: '全年预算数',
  planned: '计划投入',
  received: '实际到位资金',
  executed: '执行数',
  carryOver: '结转结余',
  budget: '预算数',
  previousYear: '上年决算数',
  actual: '实际成本',
};

/**
 * A data field's Chinese name with its path, for messages: "基本支出年初预算数（budget.basic.initial）",
 * "财政拨款执行数（budget.sources[0].executed）", "行政编制数（staffing.authorized.administrative）".
 */
export function fieldName(ev: { budget: { sources: readonly { name: string }[] } }, field: string): string {
  const p = field.split('.');
  let name: string | undefined;
  if (p[0] === 'budget' && p.length === 2) name = FIGURES[p[1] as string];
  else if (p[0] === 'budget' && p.length === 3) {
    const source = /^sources\[(\d+)\]$/.exec(p[1] as string);
    const part = source ? ev.budget.sources[Number(source[1])]?.name : PARTS[p[1] as string];
    const figure = FIGURES[p[2] as string];
    if (part !== undefined && figure !== undefined) name = `${part}${figure}`;
  } else if (p[0] === 'staffing' && p.length === 3) {
    const scope = p[2] === 'total' ? '' : STAFF_SCOPES[p[2] as StaffScope];
    const what = p[1] === 'authorized' ? '编制数' : p[1] === 'actual' ? '实有在职人数' : undefined;
    if (scope !== undefined && what !== undefined) name = `${scope}${what}`;
  }
  return name === undefined ? field : `${name}（${field}）`;
}
type StaffScope = keyof typeof STAFF_SCOPES;

/** Which scopes a ratio accepts: budget lines and sources, staff categories, or none. */
const SCOPE_KIND: Record<RatioCode, 'line' | 'staff' | 'none'> = {
  executionRate: 'line',
  adjustmentRate: 'line',
  fundsInPlaceRate: 'none',
  carryOverRate: 'line',
  staffControlRate: 'staff',
  threePublicControlRate: 'none',
  threePublicChangeRate: 'none',
  publicFundsControlRate: 'none',
  projectShare: 'none',
  procurementExecutionRate: 'none',
  costSavingRate: 'none',
};

/** Whether `scope` is valid for the ratio: 'basic' | 'project' | 'personnel' | 'publicFunds' | 'source:<name>' for budget lines, 'total' | 'administrative' | 'institutional' | 'service' for staff. */
export function isRatioScope(code: RatioCode, scope: string | undefined): boolean {
  if (scope === undefined || scope === 'total') return true;
  const kind = SCOPE_KIND[code];
  if (kind === 'line') return isLineScope(scope) || scope.startsWith('source:');
  return kind === 'staff' && isStaffScope(scope);
}

const isLineScope = (s: string): s is LineScope => Object.hasOwn(LINE_SCOPES, s);
const isStaffScope = (s: string): s is StaffScope => Object.hasOwn(STAFF_SCOPES, s);

/** "预算执行率（项目支出）", "在职人员控制率（行政）", "预算执行率（财政拨款）". */
export function ratioLabel(code: RatioCode, scope?: string): string {
  if (scope === undefined || scope === 'total') return NAMES[code];
  const part = scope.startsWith('source:')
    ? scope.slice('source:'.length)
    : isLineScope(scope)
      ? LINE_SCOPES[scope]
      : isStaffScope(scope)
        ? STAFF_SCOPES[scope]
        : scope;
  return `${NAMES[code]}（${part}）`;
}

/** The two sides of a ratio with their display texts, or what is missing. */
type Sides = { numerator: Rat; denominator: Rat; numText: string; denText: string } | { missing: string[] };

/** Collects missing figures while reading them; `value` then stands in with 0. */
class Reader {
  readonly missing: string[] = [];
  private readonly show: (r: Rat) => string;
  constructor(show: (r: Rat) => string) {
    this.show = show;
  }
  get(value: Rat | undefined, what: string): Rat {
    if (value === undefined) this.missing.push(what);
    return value ?? ZERO;
  }
  text(r: Rat): string {
    return this.show(r);
  }
  sides(numerator: Rat, denominator: Rat, numText?: string): Sides {
    if (this.missing.length > 0) return { missing: this.missing };
    return {
      numerator,
      denominator,
      numText: numText ?? this.show(numerator),
      denText: this.show(denominator),
    };
  }
}

function moneyText(ev: Evaluation): (yuan: Rat) => string {
  return (yuan) => formatMoney(yuan, ev.amountUnit);
}

/** 全年预算数: annual, else initial + adjustment, else initial. */
function annualOf(rd: Reader, line: BudgetLine, path: string): Rat {
  if (line.annual !== undefined) return line.annual;
  if (line.initial !== undefined) return add(line.initial, line.adjustment ?? ZERO);
  return rd.get(undefined, `全年预算数（${path}.annual）`);
}

interface Line {
  line: BudgetLine | undefined;
  path: string;
  /** Budget-wide figures (carryOver) apply only to the whole budget. */
  whole: Budget | undefined;
}

function lineOf(b: Budget, scope: string | undefined): Line {
  if (scope === undefined || scope === 'total') return { line: b, path: 'budget', whole: b };
  if (scope.startsWith('source:')) {
    const name = scope.slice('source:'.length);
    const i = b.sources.findIndex((s) => s.name === name);
    return {
      line: b.sources[i],
      path: i < 0 ? `budget.sources（${name}）` : `budget.sources[${i}]`,
      whole: undefined,
    };
  }
  if (!isLineScope(scope)) throw new TypeError(`unknown budget line: ${scope}`);
  return { line: b[scope], path: `budget.${scope}`, whole: undefined };
}

type Compute = (ev: Evaluation, rd: Reader, scope: string | undefined) => Sides;

function onLine(f: (rd: Reader, l: BudgetLine, path: string, whole: Budget | undefined) => Sides): Compute {
  return (ev, rd, scope) => {
    const { line, path, whole } = lineOf(ev.budget, scope);
    if (line === undefined) return { missing: [`预算数据（${path}）`] };
    return f(rd, line, path, whole);
  };
}

const executionRate = onLine((rd, l, p) => {
  const executed = rd.get(l.executed, `执行数（${p}.executed）`);
  return rd.sides(executed, annualOf(rd, l, p));
});

const adjustmentRate = onLine((rd, l, p) => {
  const initial = rd.get(l.initial, `年初预算数（${p}.initial）`);
  if (l.adjustment !== undefined || l.annual === undefined) {
    return rd.sides(rd.get(l.adjustment, `预算调整数（${p}.adjustment）`), initial);
  }
  return rd.sides(sub(l.annual, initial), initial, `(${rd.text(l.annual)} − ${rd.text(initial)})`);
});

const carryOverRate = onLine((rd, l, p, whole) => {
  const annual = annualOf(rd, l, p);
  if (whole?.carryOver !== undefined) return rd.sides(whole.carryOver, annual);
  const executed = rd.get(l.executed, `结转结余数（budget.carryOver）或执行数（${p}.executed）`);
  return rd.sides(sub(annual, executed), annual, `(${rd.text(annual)} − ${rd.text(executed)})`);
});

const fundsInPlaceRate: Compute = (ev, rd) => {
  const b = ev.budget;
  const received = rd.get(b.received, '实际到位资金（budget.received）');
  return rd.sides(received, b.planned ?? annualOf(rd, b, 'budget'));
};

/** A staff count; the total falls back to the sum of the categories given. */
function countOf(rd: Reader, c: StaffCounts | undefined, scope: StaffScope, path: string, what: string): Rat {
  const direct = c?.[scope];
  const label = `${scope === 'total' ? '' : STAFF_SCOPES[scope]}${what}（${path}.${scope}）`;
  if (direct !== undefined || scope !== 'total') return rd.get(direct, label);
  const parts = [c?.administrative, c?.institutional, c?.service].filter((x): x is Rat => x !== undefined);
  return parts.length > 0 ? sum(parts) : rd.get(undefined, label);
}

const staffControlRate: Compute = (ev, rd, scope) => {
  const s = scope === undefined || !isStaffScope(scope) ? 'total' : scope;
  const actual = countOf(rd, ev.staffing.actual, s, 'staffing.actual', '实有在职人数');
  return rd.sides(actual, countOf(rd, ev.staffing.authorized, s, 'staffing.authorized', '编制数'));
};

const threePublicControlRate: Compute = (ev, rd) => {
  const t = ev.budget.threePublic;
  const executed = rd.get(t?.executed, '三公经费决算数（budget.threePublic.executed）');
  return rd.sides(executed, rd.get(t?.budget, '三公经费预算数（budget.threePublic.budget）'));
};

const threePublicChangeRate: Compute = (ev, rd) => {
  const t = ev.budget.threePublic;
  const executed = rd.get(t?.executed, '三公经费决算数（budget.threePublic.executed）');
  const previous = rd.get(t?.previousYear, '上年三公经费（budget.threePublic.previousYear）');
  return rd.sides(sub(executed, previous), previous, `(${rd.text(executed)} − ${rd.text(previous)})`);
};

const publicFundsControlRate: Compute = (ev, rd) => executionRate(ev, rd, 'publicFunds');

const projectShare: Compute = (ev, rd) => {
  const project = ev.budget.project;
  const part =
    project === undefined
      ? rd.get(undefined, '项目支出预算（budget.project）')
      : annualOf(rd, project, 'budget.project');
  return rd.sides(part, annualOf(rd, ev.budget, 'budget'));
};

const procurementExecutionRate: Compute = (ev, rd) => {
  const p = ev.budget.procurement;
  const executed = rd.get(p?.executed, '实际采购金额（budget.procurement.executed）');
  return rd.sides(executed, rd.get(p?.budget, '政府采购预算（budget.procurement.budget）'));
};

const costSavingRate: Compute = (ev, rd) => {
  const c = ev.budget.cost;
  const planned = rd.get(c?.planned, '计划成本（budget.cost.planned）');
  const actual = rd.get(c?.actual, '实际成本（budget.cost.actual）');
  return rd.sides(sub(planned, actual), planned, `(${rd.text(planned)} − ${rd.text(actual)})`);
};

const COMPUTE: Record<RatioCode, Compute> = {
  executionRate,
  adjustmentRate,
  fundsInPlaceRate,
  carryOverRate,
  staffControlRate,
  threePublicControlRate,
  threePublicChangeRate,
  publicFundsControlRate,
  projectShare,
  procurementExecutionRate,
  costSavingRate,
};

interface Evaluated {
  result: RatioResult;
  missing: boolean;
}

/** Ratios of head counts (人), not money: their figures are plain numbers, never converted from 万元. */
export function isHeadcountRatio(code: string): boolean {
  return code === 'staffControlRate';
}

function evaluate(ev: Evaluation, code: string, scope: string | undefined, explain = true): Evaluated {
  if (!isRatioCode(code)) throw new TypeError(`unknown ratio code: ${code}`);
  if (!isRatioScope(code, scope)) throw new TypeError(`unknown scope "${scope ?? ''}" for ratio ${code}`);
  const show = !explain ? () => '' : isHeadcountRatio(code) ? (r: Rat) => toPlain(r, 2) : moneyText(ev);
  const sides = COMPUTE[code](ev, new Reader(show), scope);
  const base = { code, scope, name: ratioLabel(code, scope) };
  if ('missing' in sides) {
    return {
      result: { ...base, value: null, missing: true, explanation: `缺少数据：${sides.missing.join('、')}` },
      missing: true,
    };
  }
  const { numerator, denominator } = sides;
  const formula = `${sides.numText} ÷ ${sides.denText}`;
  if (isZero(denominator)) {
    return {
      result: { ...base, value: null, numerator, denominator, explanation: `分母为 0，不适用（${formula}）` },
      missing: false,
    };
  }
  const value = div(numerator, denominator);
  return {
    result: {
      ...base,
      value,
      numerator,
      denominator,
      explanation: explain ? `${formula} = ${formatPercent(value)}` : '',
    },
    missing: false,
  };
}

/** One ratio; `scope` picks a budget line, a source ('source:<name>') or a staff category. */
export function computeRatio(
  ev: Evaluation,
  code: string,
  scope?: string,
  opts: { explain?: boolean } = {},
): RatioResult {
  return evaluate(ev, code, scope, opts.explain ?? true).result;
}

/**
 * Every standard ratio that has data (not-applicable ones included, missing-data ones left out):
 * each ratio as a whole, the execution rate per budget line and per source, and staff control
 * per category.
 */
export function computeRatios(ev: Evaluation): RatioResult[] {
  const wanted: [RatioCode, string | undefined][] = [
    ...Object.keys(NAMES).map((c): [RatioCode, undefined] => [c as RatioCode, undefined]),
    ...(['basic', 'personnel', 'project'] as const)
      .filter((s) => ev.budget[s])
      .map((s): [RatioCode, string] => ['executionRate', s]),
    ...ev.budget.sources.map((s): [RatioCode, string] => ['executionRate', `source:${s.name}`]),
    ...(['administrative', 'institutional', 'service'] as const).map((s): [RatioCode, string] => [
      'staffControlRate',
      s,
    ]),
  ];
  return wanted
    .map(([code, scope]) => evaluate(ev, code, scope))
    .filter((e) => !e.missing)
    .map((e) => e.result);
}
