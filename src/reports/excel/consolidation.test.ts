/** The consolidation workbooks read back: every figure as given, dashes for missing cells, 并列 noted. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type RankingInput, type SideBySideInput, renderRanking, renderSideBySide } from './consolidation.ts';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

const side: SideBySideInput = {
  department: { name: '南昌市总工会' },
  fiscalYear: 2023,
  amountUnit: '万元',
  units: [
    {
      name: '甲',
      annual: '3014.03',
      executed: '3013.88',
      executionRate: '99.99%',
      total: '95.06',
      grade: '优',
    },
    { name: '乙', annual: null, executed: null, executionRate: null, total: '95.25', grade: '优' },
  ],
  rows: [
    {
      code: 'D2',
      level: 2,
      name: '生态效益指标',
      cells: [{ name: '生态效益指标', weight: '5.00', score: '5.00' }, null],
    },
    {
      code: '=D4',
      level: 2,
      name: '满意度指标',
      cells: [null, { name: '满意度指标', weight: '10.00', score: '7.50' }],
    },
  ],
  consolidated: {
    ruleName: '简单算术平均',
    annual: null,
    executed: null,
    executionRate: null,
    score: '95.16',
    grade: '优',
    problem: null,
  },
  findings: [
    {
      kindName: '同一规则、同一输入得分不同',
      code: 'D4',
      message: '…',
      units: [{ name: '甲' }, { name: '乙' }],
    },
  ],
};

describe('consolidation workbooks', () => {
  it('单位对比: weight and score per unit, a dash where the unit lacks the indicator', async () => {
    const wb = await load(await renderSideBySide(side));
    const ws = wb.getWorksheet('单位对比')!;
    assert.equal(ws.getCell(2, 3).value, '甲\n分值');
    assert.deepEqual([ws.getCell(3, 3).value, ws.getCell(3, 4).value, ws.getCell(3, 5).value], [5, 5, '—']);
    assert.equal(ws.getCell(3, 4).numFmt, '#,##0.00');
    assert.equal(ws.getCell(4, 1).value, '=D4'); // text, never a formula
    assert.equal(ws.getCell(4, 6).value, 7.5);
    assert.deepEqual([ws.getCell(5, 4).value, ws.getCell(5, 6).value], [95.06, 95.25]);
    const sum = wb.getWorksheet('汇总')!;
    assert.deepEqual([sum.getCell(3, 2).value, sum.getCell(3, 4).value], [3014.03, 0.9999]);
    assert.equal(sum.getCell(3, 4).numFmt, '0.00%');
    assert.equal(sum.getCell(4, 2).value, '—');
    assert.deepEqual([sum.getCell(5, 1).value, sum.getCell(5, 5).value], ['汇总（简单算术平均）', 95.16]);
    assert.equal(wb.getWorksheet('跨单位核查')!.getCell(2, 3).value, '甲、乙');
  });

  it('排名: ranks with ties noted', async () => {
    const input: RankingInput = {
      fiscalYear: 2023,
      rows: [
        {
          rank: 1,
          tied: true,
          name: '甲',
          parentName: null,
          region: '江西省南昌市',
          total: '95.25',
          grade: '优',
          executionRate: '100.00%',
        },
        {
          rank: 1,
          tied: true,
          name: '乙',
          parentName: '甲',
          region: '江西省南昌市',
          total: '95.25',
          grade: '优',
          executionRate: null,
        },
        {
          rank: 3,
          tied: false,
          name: '丙',
          parentName: '甲',
          region: '江西省南昌市',
          total: '89.99',
          grade: '良',
          executionRate: '95.40%',
        },
      ],
    };
    const ws = (await load(await renderRanking(input))).getWorksheet('排名')!;
    assert.deepEqual(
      [3, 4, 5].map((r) => ws.getCell(r, 1).value),
      [1, 1, 3],
    );
    assert.equal(ws.getCell(3, 1).note, '并列');
    assert.deepEqual(
      [ws.getCell(5, 5).value, ws.getCell(5, 7).value, ws.getCell(4, 7).value],
      [89.99, 0.954, '—'],
    );
  });
});
