/**
 * The validated, normalized evaluation: every number exact (Rat), every amount in 元,
 * every indicator with a code, level and field path. Produced by normalize.ts from the file format.
 */
import type { Rat, RoundingPolicy } from './decimal/index.ts';
import type { MethodInput } from './schema/methods.ts';

export type AmountUnit = '元' | '万元';
export type TargetOp = '>=' | '<=' | '=' | '>' | '<' | 'range';

/** A number with its unit. Percentages are stored as fractions (95.35% → 0.9535, percent: true). */
export interface Quantity {
  value: Rat;
  unit?: string | undefined;
  percent: boolean;
  /** As written, for explanations ("1808人", "95.35%"). */
  text: string;
}

export type Target =
  | {
      kind: 'quantity';
      op: TargetOp;
      value: Rat;
      max?: Rat | undefined;
      unit?: string | undefined;
      percent: boolean;
      text: string;
    }
  | { kind: 'text'; text: string };

export type Actual =
  | ({ kind: 'quantity' } & Quantity)
  | { kind: 'text'; text: string }
  | { kind: 'ratio'; ratio: string; scope?: string | undefined }
  | { kind: 'none' };

/** A rate as a document printed it: the value and how many decimals were printed. */
export interface StatedRate {
  value: Rat; // fraction
  places: number; // decimals printed in the percentage
  text: string;
}

export interface Statement {
  score?: Rat | undefined;
  weight?: Rat | undefined;
  rate?: StatedRate | undefined;
  source?: 'table' | 'text' | undefined;
  quote: string;
  where?: string | undefined;
}

export interface IndicatorNode {
  code: string;
  name: string;
  level: number; // 1 = 一级指标
  /** Field path in the file, e.g. indicators[0].children[2]. */
  path: string;
  weight: Rat;
  dimension?: string | undefined;
  children: IndicatorNode[];
  target?: Target | undefined;
  actual: Actual;
  method?: MethodInput | undefined;
  notApplicable?: { reason?: string | undefined } | undefined;
  override?: { score: Rat; reason: string; by?: string | undefined; at?: string | undefined } | undefined;
  deviation?: string | undefined;
  measures?: string | undefined;
  evidence?: string[] | undefined;
  stated: Statement[];
}

export interface BudgetLine {
  initial?: Rat | undefined;
  adjustment?: Rat | undefined;
  annual?: Rat | undefined;
  executed?: Rat | undefined;
}

/** All amounts in 元. */
export interface Budget extends BudgetLine {
  planned?: Rat | undefined;
  received?: Rat | undefined;
  carryOver?: Rat | undefined;
  basic?: BudgetLine | undefined;
  personnel?: BudgetLine | undefined;
  publicFunds?: BudgetLine | undefined;
  project?: BudgetLine | undefined;
  sources: (BudgetLine & { name: string })[];
  threePublic?:
    { budget?: Rat | undefined; executed?: Rat | undefined; previousYear?: Rat | undefined } | undefined;
  procurement?: { budget?: Rat | undefined; executed?: Rat | undefined } | undefined;
  cost?: { planned?: Rat | undefined; actual?: Rat | undefined } | undefined;
}

export interface StaffCounts {
  total?: Rat | undefined;
  administrative?: Rat | undefined;
  institutional?: Rat | undefined;
  service?: Rat | undefined;
}

export interface Staffing {
  authorized?: StaffCounts | undefined;
  actual?: StaffCounts | undefined;
  retired?: Rat | undefined;
}

export interface SurveyLevel {
  label: string;
  weight: Rat;
}

export interface SurveyQuestion {
  id: string;
  text?: string | undefined;
  /** Share of answers per level label (fractions). */
  shares: Map<string, Rat>;
  /** The published 得分率, when the shares per level are not known. */
  rate?: Rat | undefined;
}

export interface Survey {
  id: string;
  name: string;
  respondents?: number | undefined;
  levels: SurveyLevel[];
  questions: SurveyQuestion[];
}

export interface GradeBand {
  grade: string;
  min: Rat;
}

export type NotApplicablePolicy = 'full' | 'zero' | 'redistribute';

export interface Rules {
  rounding: RoundingPolicy;
  grades: GradeBand[]; // sorted by min, descending
  notApplicable: NotApplicablePolicy;
  totalWeight: Rat;
  minOutputOutcomeShare?: Rat | undefined;
  targetSetting: { above: Rat; below: Rat };
}

export interface RatioClaim {
  ratio: string;
  scope?: string | undefined;
  label?: string | undefined;
  value: StatedRate;
  numerator?: Rat | undefined;
  denominator?: Rat | undefined;
  quote: string;
  where?: string | undefined;
  path: string;
}

export interface Claims {
  total: Statement[];
  grade: { grade: string; quote: string; where?: string | undefined }[];
  ratios: RatioClaim[];
  amounts: { field: string; value: Rat; quote: string; where?: string | undefined; path: string }[];
  sums: {
    label?: string | undefined;
    parts: { label: string; value: Rat }[];
    total: Rat;
    quote: string;
    where?: string | undefined;
    path: string;
  }[];
  counts: {
    level: number;
    under?: string | undefined;
    value: number;
    quote: string;
    where?: string | undefined;
    path: string;
  }[];
}

export interface Evaluation {
  id?: string | undefined;
  title?: string | undefined;
  kind: 'department' | 'unit' | 'project';
  mode: 'self' | 'department' | 'finance' | 'third-party';
  fiscalYear: number;
  unit: { name: string; department?: string | undefined; [key: string]: unknown };
  project?: { name: string; description?: string | undefined } | undefined;
  evaluator?: { name: string; kind?: string | undefined } | undefined;
  template?: { id: string; version: string } | undefined;
  amountUnit: AmountUnit;
  budget: Budget;
  staffing: Staffing;
  goals?: { overall?: string | undefined; achieved?: string | undefined } | undefined;
  rules: Rules;
  surveys: Survey[];
  indicators: IndicatorNode[];
  /** Every indicator node by code, built once when the file is read. */
  index: ReadonlyMap<string, IndicatorNode>;
  problems: { text: string; indicators: string[] }[];
  suggestions: { text: string }[];
  claims: Claims;
}
