/**
 * Deterministic synthetic evaluations for the benchmark: 40 leaf indicators each (4 level-1
 * groups × 2 level-2 × 5 leaves, weights adding to 100), every scoring method mixed, decimal
 * targets and actuals as strings, amounts in 万元, and budget and staffing data that a few
 * indicators read through `actual: {ratio}`. The same seed and index always give the same
 * evaluation (mulberry32, never Math.random), so runs are comparable and nothing is stored.
 *
 * Each leaf is first drawn as a `LeafSpec` (the data a practitioner would type into a sheet);
 * `toIndicator` writes it in the file format and bench/sheet.ts lays it out as a spreadsheet row.
 */
import type { EvaluationInput, IndicatorInputT } from '../src/core/schema/evaluation.ts';

/** mulberry32: a tiny, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rng = () => number;

/** Integer in [lo, hi]. */
function int(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

function pick<T>(rng: Rng, xs: readonly T[]): T {
  const x = xs[Math.floor(rng() * xs.length)];
  if (x === undefined) throw new Error('pick from an empty list');
  return x;
}

/** An integer count of 10^-places units as decimal text: (12345, 2) → "123.45". Exact, no floats. */
export function units(n: number, places: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.abs(n)).padStart(places + 1, '0');
  if (places === 0) return sign + digits;
  return `${sign}${digits.slice(0, -places)}.${digits.slice(-places)}`;
}

/** A number as written: its decimal text, its unit, whether it is a percentage (value "95.5", unit "%"). */
export interface Num {
  value: string;
  unit: string;
}

export const isPercent = (n: Num): boolean => n.unit === '%';
const written = (n: Num): string => `${n.value}${n.unit}`;

export type RatioCode = 'executionRate' | 'fundsInPlaceRate' | 'staffControlRate' | 'threePublicControlRate';

interface Base {
  code: string;
  name: string;
  /** Decimal text, a multiple of 0.5. */
  weight: string;
}

/** One leaf indicator as data. Shares and floors are percent texts without the sign ("60" = 60%). */
export type LeafSpec = Base &
  (
    | { kind: 'proportional'; direction: 'higher' | 'lower'; target: Num; actual: Num }
    | { kind: 'band'; floor: string | undefined; target: Num; actual: Num }
    | { kind: 'threshold'; op: '>=' | '<='; target: Num; actual: Num; partial: string | undefined }
    | { kind: 'deduction'; target: Num; actual: Num; perUnit: string; unitSize: string }
    | { kind: 'violations'; count: string; perUnit: string }
    | { kind: 'elements'; elements: { name: string; points: string; met: boolean }[] }
    | { kind: 'likert'; shares: [string, string][] }
    | { kind: 'tiers'; actual: Num; tiers: { min: string; share: string }[] }
    | { kind: 'grade'; levels: { label: string; share: string }[]; level: string }
    | { kind: 'over-target'; ref: string; steps: { over: string; deduct: string }[] }
    | { kind: 'manual'; score: string }
    | {
        kind: 'ratio';
        ratio: RatioCode;
        method: 'band' | 'proportional' | 'threshold';
        target: Num;
        /** The ratio's two sides as written in the data (万元 or head counts). */
        numerator: string;
        denominator: string;
      }
  );

export type LeafKind = LeafSpec['kind'];

export const LIKERT_LEVELS = ['非常满意', '满意', '一般', '不满意'] as const;
export const GRADE_LEVELS = ['优', '良', '中', '差'] as const;

export interface Generated {
  input: EvaluationInput;
  /** The 40 leaves in tree order (the order scoring visits them). */
  leaves: LeafSpec[];
}

const COUNT_UNITS = ['人', '次', '个', '篇', '场', '户', '万元'] as const;

/** A higher-is-better quantity: a count/amount or a percentage, with an actual around it. */
function drawPair(rng: Rng, spread: [number, number], percentShare = 0.4): { target: Num; actual: Num } {
  const factor = spread[0] + rng() * (spread[1] - spread[0]);
  if (rng() < percentShare) {
    const t = int(rng, 700, 1000); // tenths of a percent: 70.0% … 100.0%
    return {
      target: { value: units(t, 1), unit: '%' },
      actual: { value: units(Math.round(t * 10 * factor), 2), unit: '%' },
    };
  }
  const unit = pick(rng, COUNT_UNITS);
  const t = int(rng, 200, 50000); // tenths
  return {
    target: { value: units(t, 1), unit },
    actual: { value: units(Math.round(t * 10 * factor), 2), unit },
  };
}

interface Data {
  budget: { annual: number; executed: number; received: number; threeBudget: number; threeExecuted: number };
  staff: { authorized: number; actual: number };
}

/** Budget figures in hundredths of 万元, head counts as integers. */
function drawData(rng: Rng): Data {
  const annual = int(rng, 5000, 500000);
  const threeBudget = int(rng, 100, 3000);
  const authorized = int(rng, 10, 200);
  return {
    budget: {
      annual,
      executed: Math.round(annual * (0.75 + rng() * 0.25)),
      received: Math.round(annual * (0.85 + rng() * 0.15)),
      threeBudget,
      threeExecuted: Math.round(threeBudget * (0.6 + rng() * 0.5)),
    },
    staff: { authorized, actual: Math.round(authorized * (0.7 + rng() * 0.4)) },
  };
}

type Draw = (rng: Rng, base: Base, data: Data) => LeafSpec;

const drawers: Record<Exclude<LeafKind, 'over-target' | 'ratio'>, Draw> = {
  proportional: (rng, base) =>
    rng() < 0.5
      ? { ...base, kind: 'proportional', direction: 'higher', ...drawPair(rng, [0.5, 1.2]) }
      : { ...base, kind: 'proportional', direction: 'lower', ...drawPair(rng, [0.8, 1.5]) },
  band: (rng, base) => ({
    ...base,
    kind: 'band',
    floor: rng() < 0.5 ? undefined : pick(rng, ['50', '60', '70']),
    ...drawPair(rng, [0.5, 1.2]),
  }),
  threshold: (rng, base) => {
    const op = rng() < 0.5 ? '>=' : '<=';
    const pair = drawPair(rng, op === '>=' ? [0.85, 1.1] : [0.9, 1.15]);
    const partial = units(Math.floor(Number(base.weight) * 5), 1); // about half the weight
    return { ...base, kind: 'threshold', op, ...pair, partial: rng() < 0.5 ? undefined : partial };
  },
  deduction: (rng, base) => ({
    ...base,
    kind: 'deduction',
    ...drawPair(rng, [0.9, 1.05], 0.8), // mostly "每少 1 个百分点扣 x 分"
    perUnit: pick(rng, ['0.1', '0.2', '0.25', '0.5', '1']),
    unitSize: pick(rng, ['1', '1', '2', '5']),
  }),
  violations: (rng, base) => ({
    ...base,
    kind: 'violations',
    count: String(int(rng, 0, 6)),
    perUnit: pick(rng, ['0.2', '0.5', '1']),
  }),
  elements: (rng, base) => {
    const halves = Math.round(Number(base.weight) * 2);
    const k = Math.min(halves, int(rng, 2, 4));
    const parts = split(rng, halves, k);
    return {
      ...base,
      kind: 'elements',
      elements: parts.map((p, i) => ({ name: `要素${i + 1}`, points: units(p * 5, 1), met: rng() < 0.75 })),
    };
  },
  likert: (rng, base) => {
    const parts = split(rng, 1000, 4).sort((a, b) => b - a); // tenths of a percent, adding to 100%
    return {
      ...base,
      kind: 'likert',
      shares: LIKERT_LEVELS.map((label, i): [string, string] => [label, units(parts[i] ?? 0, 1)]),
    };
  },
  tiers: (rng, base) => ({
    ...base,
    kind: 'tiers',
    actual: { value: units(int(rng, 6500, 10000), 2), unit: '%' },
    tiers: [
      { min: '90', share: '100' },
      { min: '80', share: '80' },
      { min: '70', share: '60' },
    ],
  }),
  grade: (rng, base) => ({
    ...base,
    kind: 'grade',
    levels: GRADE_LEVELS.map((label, i) => ({ label, share: ['100', '80', '60', '30'][i] ?? '0' })),
    level: pick(rng, GRADE_LEVELS),
  }),
  manual: (rng, base) => ({
    ...base,
    kind: 'manual',
    score: units(int(rng, 0, Math.round(Number(base.weight) * 100)), 2),
  }),
};

const RATIO_METHOD: Record<RatioCode, { method: 'band' | 'proportional' | 'threshold'; target: string }> = {
  executionRate: { method: 'band', target: '100' }, // 预算执行率
  fundsInPlaceRate: { method: 'proportional', target: '100' }, // 资金到位率
  staffControlRate: { method: 'threshold', target: '100' }, // 在职人员控制率 ≤ 100%
  threePublicControlRate: { method: 'proportional', target: '100' }, // 三公经费控制率 ≤ 100%: lower is better
};

function drawRatio(ratio: RatioCode, base: Base, data: Data): LeafSpec {
  const b = data.budget;
  const sides: Record<RatioCode, [string, string]> = {
    executionRate: [units(b.executed, 2), units(b.annual, 2)],
    fundsInPlaceRate: [units(b.received, 2), units(b.annual, 2)],
    staffControlRate: [String(data.staff.actual), String(data.staff.authorized)],
    threePublicControlRate: [units(b.threeExecuted, 2), units(b.threeBudget, 2)],
  };
  const [numerator, denominator] = sides[ratio];
  const { method, target } = RATIO_METHOD[ratio];
  return {
    ...base,
    kind: 'ratio',
    ratio,
    method,
    target: { value: target, unit: '%' },
    numerator,
    denominator,
  };
}

/** `total` split into `k` positive integer parts (total ≥ k). */
function split(rng: Rng, total: number, k: number): number[] {
  const parts = Array.from({ length: k }, () => 1);
  for (let left = total - k; left > 0; left--) {
    const i = Math.floor(rng() * k);
    parts[i] = (parts[i] ?? 0) + 1;
  }
  return parts;
}

/** What goes in each evaluation: 40 leaves, an over-target always right after the band it judges. */
type Slot = Exclude<LeafKind, 'ratio' | 'over-target'> | 'band+over-target' | RatioCode;
const SLOTS: readonly Slot[] = [
  ...rep('proportional', 6),
  ...rep('band', 3),
  ...rep('band+over-target', 2),
  ...rep('threshold', 3),
  ...rep('deduction', 3),
  ...rep('violations', 2),
  ...rep('elements', 3),
  ...rep('likert', 3),
  ...rep('tiers', 3),
  ...rep('grade', 3),
  ...rep('manual', 3),
  'executionRate',
  'fundsInPlaceRate',
  'staffControlRate',
  'threePublicControlRate',
];

function rep<const T>(x: T, n: number): T[] {
  return Array.from({ length: n }, () => x);
}

function shuffled<T>(rng: Rng, xs: readonly T[]): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const [a, b] = [out[i], out[j]];
    if (a !== undefined && b !== undefined) [out[i], out[j]] = [b, a];
  }
  return out;
}

const RATIO_CODES: readonly string[] = [
  'executionRate',
  'fundsInPlaceRate',
  'staffControlRate',
  'threePublicControlRate',
];
const isRatioSlot = (s: Slot): s is RatioCode => RATIO_CODES.includes(s);

/** Leaves per evaluation: 4 level-1 groups × 2 level-2 × 5. */
export const LEAVES = 40;

/** 40 leaf weights: multiples of 0.5, at least 1, adding to exactly 100 (kept in halves). */
function drawWeights(rng: Rng): number[] {
  return split(rng, 200 - LEAVES, LEAVES).map((h) => h + 1);
}

/** The 40 leaves in order; codes A11…D25. */
export function drawLeaves(rng: Rng, data: Data): LeafSpec[] {
  const halves = drawWeights(rng);
  const kinds = shuffled(rng, SLOTS).flatMap((s): (Exclude<Slot, 'band+over-target'> | 'over-target')[] =>
    s === 'band+over-target' ? ['band', 'over-target'] : [s],
  );
  const leaves: LeafSpec[] = [];
  kinds.forEach((kind, i) => {
    const code = `${'ABCD'[Math.floor(i / 10)] ?? 'X'}${Math.floor((i % 10) / 5) + 1}${(i % 5) + 1}`;
    const base = { code, name: `指标${code}`, weight: units((halves[i] ?? 2) * 5, 1) };
    if (kind === 'over-target') {
      const ref = leaves.at(-1)?.code ?? code;
      leaves.push({
        ...base,
        kind,
        ref,
        steps: [
          { over: '10', deduct: units((halves[i] ?? 2) * 5, 1) },
          { over: '5', deduct: '0.5' },
        ],
      });
    } else if (isRatioSlot(kind)) leaves.push(drawRatio(kind, base, data));
    else leaves.push(drawers[kind](rng, base, data));
  });
  if (leaves.length !== LEAVES) throw new Error(`expected ${LEAVES} leaves, drew ${leaves.length}`);
  return leaves;
}

const pc = (s: string): string => `${s}%`;

/** One leaf in the file format. */
export function toIndicator(s: LeafSpec): IndicatorInputT {
  const base = { code: s.code, name: s.name, weight: s.weight };
  switch (s.kind) {
    case 'proportional':
      return {
        ...base,
        target: `${s.direction === 'higher' ? '≥' : '≤'}${written(s.target)}`,
        actual: written(s.actual),
        method: { type: 'proportional', direction: s.direction },
      };
    case 'band':
      return {
        ...base,
        target: `≥${written(s.target)}`,
        actual: written(s.actual),
        method: s.floor === undefined ? { type: 'band' } : { type: 'band', floor: pc(s.floor) },
      };
    case 'threshold':
      return {
        ...base,
        target: `${s.op === '>=' ? '≥' : '≤'}${written(s.target)}`,
        actual: written(s.actual),
        method: s.partial === undefined ? { type: 'threshold' } : { type: 'threshold', partial: s.partial },
      };
    case 'deduction':
      return {
        ...base,
        target: `≥${written(s.target)}`,
        actual: written(s.actual),
        method: { type: 'deduction', perUnit: s.perUnit, unitSize: s.unitSize },
      };
    case 'violations':
      return {
        ...base,
        actual: `${s.count}次`,
        method: { type: 'deduction', basis: 'count', perUnit: s.perUnit },
      };
    case 'elements':
      return { ...base, method: { type: 'elements', elements: s.elements } };
    case 'likert':
      return {
        ...base,
        method: { type: 'likert', shares: Object.fromEntries(s.shares.map(([l, v]) => [l, pc(v)])) },
      };
    case 'tiers':
      return {
        ...base,
        actual: written(s.actual),
        method: { type: 'tiers', tiers: s.tiers.map((t) => ({ min: pc(t.min), share: pc(t.share) })) },
      };
    case 'grade':
      return {
        ...base,
        method: {
          type: 'grade',
          levels: s.levels.map((l) => ({ label: l.label, share: pc(l.share) })),
          level: s.level,
        },
      };
    case 'over-target':
      return {
        ...base,
        method: {
          type: 'over-target',
          refs: [s.ref],
          steps: s.steps.map((t) => ({ over: pc(t.over), deduct: t.deduct })),
        },
      };
    case 'manual':
      return { ...base, method: { type: 'manual', score: s.score, reason: '评价组按佐证资料打分' } };
    case 'ratio': {
      const lower = s.ratio === 'staffControlRate' || s.ratio === 'threePublicControlRate';
      return {
        ...base,
        target: `${lower ? '≤' : '≥'}${written(s.target)}`,
        actual: { ratio: s.ratio },
        method:
          s.method === 'proportional'
            ? { type: 'proportional', direction: lower ? 'lower' : 'higher' }
            : { type: s.method },
      };
    }
  }
}

const GROUPS = [
  { code: 'A', name: '投入', dimension: 'input' },
  { code: 'B', name: '过程', dimension: 'process' },
  { code: 'C', name: '产出', dimension: 'output' },
  { code: 'D', name: '效益', dimension: 'outcome' },
] as const;

/** Sum of decimal texts with one decimal place, exactly (weights are multiples of 0.5). */
function sumTenths(ws: readonly string[]): string {
  return units(
    ws.reduce((acc, w) => acc + Math.round(Number(w) * 10), 0),
    1,
  );
}

/** The tree around the leaves: groups carry the exact sum of their children's weights. */
export function buildTree(leaves: readonly LeafSpec[]): IndicatorInputT[] {
  return GROUPS.map((g, gi) => {
    const subs = [0, 1].map((si) => {
      const mine = leaves.slice(gi * 10 + si * 5, gi * 10 + si * 5 + 5);
      return {
        code: `${g.code}${si + 1}`,
        name: `${g.name}二级${si + 1}`,
        weight: sumTenths(mine.map((l) => l.weight)),
        children: mine.map(toIndicator),
      };
    });
    return {
      code: g.code,
      name: `${g.name}指标`,
      dimension: g.dimension,
      weight: sumTenths(subs.map((s) => s.weight)),
      children: subs,
    };
  });
}

/** Evaluation number `index` of the stream seeded by `seed`. */
export function generate(seed: number, index: number): Generated {
  const rng = mulberry32((Math.imul(seed, 0x9e3779b1) ^ index) >>> 0);
  const data = drawData(rng);
  const leaves = drawLeaves(rng, data);
  const b = data.budget;
  const input: EvaluationInput = {
    format: 'jixiao/evaluation@1',
    id: `bench-${seed}-${index}`,
    kind: 'department',
    mode: 'self',
    fiscalYear: 2020 + (index % 5),
    unit: { name: `基准测试单位${index}`, department: '基准测试主管部门' },
    amountUnit: '万元',
    budget: {
      initial: units(b.annual - 1000, 2),
      adjustment: '10.00',
      annual: units(b.annual, 2),
      received: units(b.received, 2),
      executed: units(b.executed, 2),
      basic: {
        annual: units(Math.round(b.annual * 0.6), 2),
        executed: units(Math.round(b.executed * 0.6), 2),
      },
      threePublic: { budget: units(b.threeBudget, 2), executed: units(b.threeExecuted, 2) },
    },
    staffing: { authorized: { total: data.staff.authorized }, actual: { total: data.staff.actual } },
    rules: { rounding: { mode: 'half-up', places: 2 } },
    indicators: buildTree(leaves),
  };
  return { input, leaves };
}
