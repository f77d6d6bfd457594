/**
 * Consolidation as the service gives it and the workbooks read it: figures as exact decimal text
 * (2 decimals; percentages "92.31%"), null where there is none.
 */
import type { ConsolidationRule } from './types.ts';

export interface CellJson {
  name: string;
  weight: string;
  score: string;
  /** 得分率 "92.31%"; null when the weight is 0. */
  rate: string | null;
}

export interface RowJson {
  code: string;
  level: number;
  name: string;
  sameName: boolean;
  cells: (CellJson | null)[];
}

export interface CrossFindingJson {
  severity: string;
  kind: string;
  kindName: string;
  code: string;
  message: string;
  stated: string | null;
  computed: string | null;
  /** The unit whose score disagrees first, then the unit(s) it is compared with. */
  units: { organisationId: number; name: string }[];
}

/** A unit's figures in a department's consolidation. */
export interface UnitFiguresJson {
  name: string;
  /** In the department's amount unit, 2 decimals, no separators; null when not given. */
  annual: string | null;
  executed: string | null;
  executionRate: string | null;
  total: string;
  totalWeight: string;
  grade: string;
}

/** The department's consolidated figures and score. */
export interface ConsolidatedJson {
  rule: ConsolidationRule;
  ruleName: string;
  annual: string | null;
  executed: string | null;
  executionRate: string | null;
  score: string | null;
  grade: string | null;
  /** Why there is no score (in Chinese). */
  problem: string | null;
}

/** A row of the ranking. */
export interface RankedJson {
  rank: number;
  tied: boolean;
  name: string;
  /** The department a unit belongs to. */
  parentName: string | null;
  region: string;
  total: string;
  grade: string;
  executionRate: string | null;
}
