/**
 * Labels the pages share: finding severities with their tag colours, finding kinds in Chinese, and
 * the tag colours of rectification states.
 */
import type { Severity } from '../../src/core/audit/finding.ts';
import type { RectificationStatus } from '../../src/core/results/index.ts';
import { FINDING_KINDS } from '../../src/core/audit/finding.ts';

export const SEVERITY: Record<Severity, { color: string; label: string }> = {
  error: { color: 'red', label: '错误' },
  warning: { color: 'orange', label: '警告' },
  info: { color: 'blue', label: '提示' },
};

/** A finding kind in Chinese: the core's catalogue; the checker's own extraction kinds as one. */
export function kindName(kind: string): string {
  return (FINDING_KINDS as Record<string, string>)[kind] ?? (kind.startsWith('extract-') ? '提取问题' : kind);
}

export const RECTIFICATION_STATUS_COLOURS: Record<RectificationStatus, string> = {
  pending: 'default',
  'in-progress': 'processing',
  done: 'success',
  overdue: 'error',
};
