/** The client of 汇总与排名 (GET /api/consolidation/…): figures arrive as exact decimal text. */
import type { ConsolidationRule, TieRule } from '../../../src/core/consolidation/index.ts';
import type {
  CellJson,
  ConsolidationJson,
  CrossFindingJson,
  RankingJson,
  RankingRowJson,
  RowJson,
  Skipped,
  YearsJson,
} from '../../../src/server/store/consolidation.ts';
import { type Organisation, query, request } from '../api.ts';

export type { ConsolidationRule, Skipped, TieRule };
export type {
  CellJson as Cell,
  ConsolidationJson as Consolidation,
  CrossFindingJson as CrossFinding,
  RankingJson as Ranking,
  RankingRowJson as RankingRow,
  RowJson as Row,
  YearsJson as Years,
};

export const consolidationApi = {
  options: () =>
    request<{ organisations: Organisation[]; years: number[] }>('GET', '/api/consolidation/options'),
  department: (id: number, year: number, rule: ConsolidationRule) =>
    request<ConsolidationJson>('GET', `/api/consolidation/departments/${String(id)}${query({ year, rule })}`),
  departmentWorkbookUrl: (id: number, year: number, rule: ConsolidationRule) =>
    `/api/consolidation/departments/${String(id)}/workbook${query({ year, rule })}`,
  ranking: (year: number, ties: TieRule) =>
    request<RankingJson>('GET', `/api/consolidation/ranking${query({ year, ties })}`),
  rankingWorkbookUrl: (year: number, ties: TieRule) =>
    `/api/consolidation/ranking/workbook${query({ year, ties })}`,
  years: (id: number) => request<YearsJson>('GET', `/api/consolidation/organisations/${String(id)}/years`),
};
