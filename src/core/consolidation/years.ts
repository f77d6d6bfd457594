/**
 * 历年指标: one unit's indicators over several years — one row per indicator code (the union of the
 * years' trees, newest year's order first), one column per year (ascending), each cell the weight,
 * score and 得分率 of that year, or null where that year's tree has no such code; and the totals.
 */
import type { Rat } from '../decimal/index.ts';
import type { ScoreResult } from '../result.ts';
import { type SideBySideRow, sideBySide } from './side-by-side.ts';

export interface YearResult {
  fiscalYear: number;
  result: ScoreResult;
}

export interface YearsTable {
  years: number[];
  rows: SideBySideRow[];
  totals: { fiscalYear: number; total: Rat; grade: string }[];
}

export function overYears(results: readonly YearResult[]): YearsTable {
  const ascending = [...results].sort((a, b) => a.fiscalYear - b.fiscalYear);
  const newestFirst = [...ascending].reverse();
  const rows = sideBySide(
    newestFirst.map((r) => ({ key: String(r.fiscalYear), name: String(r.fiscalYear), result: r.result })),
  ).map((row) => ({ ...row, cells: [...row.cells].reverse() }));
  return {
    years: ascending.map((r) => r.fiscalYear),
    rows,
    totals: ascending.map((r) => ({
      fiscalYear: r.fiscalYear,
      total: r.result.total,
      grade: r.result.grade,
    })),
  };
}
