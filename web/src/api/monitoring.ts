/** The typed client of the 绩效目标 and 双监控 routes (src/server/http/monitoring.ts). */
import type { Checkpoint, DeviationsJson, TargetSheet } from '../../../src/core/monitoring/index.ts';
import type { Monitoring } from '../../../src/server/store/monitoring.ts';
import { type Evaluation, request } from '../api.ts';

export type { Checkpoint, DeviationsJson, Monitoring, TargetSheet };
export {
  DEVIATION_CAUSES,
  LIKELIHOODS,
  TARGET_LEVEL1,
  periodLabel,
} from '../../../src/core/monitoring/types.ts';

const base = (id: number): string => `/api/evaluations/${String(id)}/monitoring`;

export const monitoringApi = {
  get: (id: number) => request<Monitoring>('GET', base(id)),
  saveTargets: (id: number, sheet: TargetSheet, version: number | undefined) =>
    request<{ sheet: TargetSheet; version: number }>('PUT', `${base(id)}/targets`, { sheet, version }),
  saveCheckpoint: (id: number, checkpoint: Omit<Checkpoint, 'months'>, months: number) =>
    request<{ checkpoint: Checkpoint; deviations: DeviationsJson }>(
      'PUT',
      `${base(id)}/checkpoints/${String(months)}`,
      checkpoint,
    ),
  deleteCheckpoint: (id: number, months: number) =>
    request<undefined>('DELETE', `${base(id)}/checkpoints/${String(months)}`),
  prefill: (id: number, version: number) =>
    request<{ evaluation: Evaluation; months: number; filled: string[]; unmatched: string[] }>(
      'POST',
      `${base(id)}/prefill`,
      { version },
    ),
  exportUrl: (id: number, format: 'xlsx' | 'docx', months?: number) =>
    `${base(id)}/export?format=${format}${months === undefined ? '' : `&months=${String(months)}`}`,
};
