import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { CHECKPOINT, FORM, SHEET } from '../../core/monitoring/test-support.ts';
import { renderMonitoringExcel } from './monitoring.ts';

const text = (ws: ExcelJS.Worksheet, r: number, c: number): string => {
  const v = ws.getCell(r, c).value;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
};

describe('monitoring: the 绩效监控情况表 in Excel', () => {
  it('reads back with the official headers, exact figures and the deviations', async () => {
    const bytes = await renderMonitoringExcel(SHEET, CHECKPOINT, {
      fiscalYear: 2025,
      unitName: '南昌市总工会',
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('绩效监控情况表')!;
    assert.equal(text(ws, 1, 1), '2025年度项目支出绩效监控情况表（1–7月）');
    const all: string[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) all.push(Array.from({ length: 16 }, (_, i) => text(ws, r, i + 1)));
    const find = (label: string) => all.find((r) => r[0] === label)!;
    const total = find('年度资金总额');
    assert.equal(total[3], '120');
    assert.equal(total[6], '48');
    assert.equal(total[9], '0.4'); // 40.00% as a number formatted 0.00%
    assert.equal(ws.getCell(all.indexOf(total) + 1, 10).numFmt, '0.00%');
    assert.equal(total[12], '58.33%');
    assert.match(total[14]!, /执行率 40\.00% 低于序时进度 58\.33% 达 18\.33 个百分点/);
    const head = all.find((r) => r[0] === '一级指标')!;
    assert.deepEqual(head.slice(0, 7), FORM.heads.slice(0, 7));
    const sub = all[all.indexOf(head) + 1]!;
    assert.deepEqual(sub.slice(6, 14), FORM.under);
    const people = all.find((r) => r[2] === '培训人次')!;
    assert.deepEqual(people.slice(3), FORM.training.slice(3));
    const fill = ws.getCell(all.indexOf(people) + 1, 3).fill as ExcelJS.FillPattern;
    assert.equal(fill.fgColor?.argb, 'FFFDE2E1');
    const rate = all.find((r) => r[2] === '培训合格率')!;
    assert.equal(rate[15], '');
  });
});
