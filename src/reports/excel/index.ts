/** Workbooks out: 绩效自评表 and 指标体系评分表 as .xlsx (exceljs). */
import type { ReportInput } from '../types.ts';
import { renderIndicators } from './indicators.ts';
import { renderSelfTable } from './self-table.ts';

export async function renderExcel(
  input: ReportInput,
  type: 'self-table' | 'indicators',
): Promise<Uint8Array> {
  return type === 'self-table' ? renderSelfTable(input) : renderIndicators(input);
}
