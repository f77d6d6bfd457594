/** 结果应用: rectification items, last year's open items, the budget-consequence rule, the Word summary. */
import type {
  ConsequenceBand,
  ConsequenceRule,
  ItemChange,
  RectificationState,
  RectificationStatus,
} from '../../../src/core/results/index.ts';
import type { ItemView, StoredRule } from '../../../src/server/store/results.ts';
import { query, request } from '../api.ts';

export type { ConsequenceBand, ConsequenceRule, RectificationState, RectificationStatus };
export { RECTIFICATION_STATUS_NAMES } from '../../../src/core/results/status.ts';

/** A rectification item with its status as of the service's day. */
export type RectificationView = ItemView;

/** The fields of an item that may be set (those given are changed). */
export type ItemFields = ItemChange;

/** The budget-consequence rule in force, with its wording. */
export type RuleView = StoredRule & { text: string };

export type ConsequenceView =
  | {
      ok: true;
      grade: string;
      budget: string;
      highest: string;
      lowest: string;
      band: ConsequenceBand;
      quote: string;
      text: string;
    }
  | { ok: false; code: string; grade: string };

export interface ItemFilter {
  year?: number;
  organisation?: number;
  evaluation?: number;
  status?: RectificationStatus;
}

const evaluationPath = (id: number, rest: string): string => `/api/evaluations/${String(id)}/${rest}`;

export const resultsApi = {
  items: (filter: ItemFilter = {}) =>
    request<{ today: string; items: RectificationView[] }>(
      'GET',
      `/api/rectifications${query({ ...filter })}`,
    ),
  create: async (evaluationId: number, fields: ItemFields & { text: string; deadline: string }) =>
    (
      await request<{ item: RectificationView }>(
        'POST',
        evaluationPath(evaluationId, 'rectifications'),
        fields,
      )
    ).item,
  fromProblems: (
    evaluationId: number,
    fields: { deadline: string; ownerUnit?: string; ownerPerson?: string },
  ) =>
    request<{ created: RectificationView[]; skipped: number }>(
      'POST',
      evaluationPath(evaluationId, 'rectifications/from-problems'),
      fields,
    ),
  update: async (id: number, fields: ItemFields) =>
    (await request<{ item: RectificationView }>('PATCH', `/api/rectifications/${String(id)}`, fields)).item,
  remove: (id: number) => request<undefined>('DELETE', `/api/rectifications/${String(id)}`),
  carriedOver: (evaluationId: number) =>
    request<{ today: string; fromYear: number; items: RectificationView[] }>(
      'GET',
      evaluationPath(evaluationId, 'carried-over'),
    ),
  rule: () => request<RuleView>('GET', '/api/budget-rule'),
  saveRule: (rule: ConsequenceRule) => request<RuleView>('PUT', '/api/budget-rule', rule),
  consequence: (evaluationId: number, budget?: string) =>
    request<ConsequenceView>(
      'GET',
      evaluationPath(
        evaluationId,
        `budget-consequence${budget ? `?budget=${encodeURIComponent(budget)}` : ''}`,
      ),
    ),
  publicationUrl: (evaluationId: number) => evaluationPath(evaluationId, 'publication'),
};
