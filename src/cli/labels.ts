/** Chinese labels for the codes the CLI prints. */
import type { Severity } from '../core/audit/finding.ts';
import type { Evaluation } from '../core/model.ts';

export const KIND_LABELS: Record<Evaluation['kind'], string> = {
  department: '部门整体支出',
  unit: '单位整体支出',
  project: '项目支出',
};

export const MODE_LABELS: Record<Evaluation['mode'], string> = {
  self: '自评',
  department: '部门评价',
  finance: '财政评价',
  'third-party': '第三方评价',
};

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};

/** "部门整体支出 · 自评" */
export function kindLabel(ev: Pick<Evaluation, 'kind' | 'mode'>): string {
  return `${KIND_LABELS[ev.kind]} · ${MODE_LABELS[ev.mode]}`;
}

export const LEVEL_LABELS = ['一级指标', '二级指标', '三级指标', '四级指标', '五级指标'] as const;
