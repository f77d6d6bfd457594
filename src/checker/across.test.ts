import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkReport } from './check.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A department's report on itself and one unit, as seed 001 writes one: the budget, then each unit. */
function departmentReport(given: {
  whole?: string;
  added?: string;
  ownAdded?: string;
  unitBudget?: string;
  unitScore?: string;
}) {
  const o = {
    whole: '300.00万元（其中基本支出250.00万元，项目支出50.00万元）',
    ownAdded: '20.00万元',
    unitBudget: '99.99万元',
    unitScore: '10',
    ...given,
  };
  return enc(
    [
      '一、基本情况',
      '（一）预算情况',
      `2023年，县财政安排甲县总工会及直属事业单位（甲县工人文化宫）${o.added ?? ''}全年财政安排预算资金共计${o.whole}。`,
      '1.甲县总工会',
      `甲县总工会2023年度财政安排预算资金总计200.00万元，其中项目支出部分50.00万元（含追加金额${o.ownAdded}），基本支出部分150.00万元。`,
      '2.甲县工人文化宫',
      `甲县工人文化宫2023年度财政安排预算资金${o.unitBudget}，均为基本支出。`,
      '二、评价情况',
      '（一）效益指标',
      '1.甲县总工会',
      '（1）满意度指标（10分）',
      '职工对甲县总工会的工作总体满意度为95%。依据评分标准，该指标得10分。',
      '2.甲县工人文化宫',
      '（1）满意度指标（10分）',
      `职工对甲县工人文化宫的工作总体满意度为95%。依据评分标准，该指标得${o.unitScore}分。`,
      '',
    ].join('\n'),
  );
}

describe('a department’s report on its units', () => {
  it('adds the units’ budgets up against the department’s, the whole and each part, quoting the department’s sentence', () => {
    const r = checkReport(departmentReport({}), 'd.txt');
    assert.equal(r.unit, '甲县总工会');
    assert.deepEqual(
      r.units.map((u) => u.unit),
      ['甲县总工会', '甲县工人文化宫'],
    );
    const sums = r.findings.filter((f) => f.kind === 'sum-mismatch');
    assert.deepEqual(
      sums.map((f) => f.message.replace(/^.*”：/, '')),
      [
        '2个单位全年预算数 200.00万元（甲县总工会） + 99.99万元（甲县工人文化宫） = 299.99万元，与所述部门合计 300.00万元 不符',
        '2个单位基本支出全年预算数 150.00万元（甲县总工会） + 99.99万元（甲县工人文化宫） = 249.99万元，与所述部门合计 250.00万元 不符',
      ],
    );
    assert.ok(
      sums.every(
        (f) => f.where === '第3行' && f.unit === '甲县总工会' && f.quote?.includes('共计300.00万元'),
      ),
    );
    // 项目支出: 50.00 + nothing (均为基本支出) = 50.00, as stated
    assert.ok(!r.findings.some((f) => f.message.includes('项目支出全年预算数')));
    // the same 95% scored alike in both units
    assert.ok(!r.findings.some((f) => f.kind === 'same-rule-different-score'));
  });

  it('figures that add up give nothing; one unit’s 追加 against the department’s is a conflict', () => {
    const r = checkReport(
      departmentReport({
        added: '追加支出合计30.00万元（其中：项目支出20.00万元、基本支出10.00万元），',
        ownAdded: '25.00万元',
        unitBudget: '100.00万元',
      }),
      'd.txt',
    );
    const found = r.findings.filter((f) => f.where === '第3行');
    assert.deepEqual(
      found.map((f) => [f.kind, f.message.replace(/^.*”：/, '')]),
      [
        [
          'figure-conflict',
          '部门所述项目支出追加（调整）数为 20.00万元，而只有甲县总工会有此项资金，其所述为 25.00万元',
        ],
      ],
    );
  });

  it('a unit’s budget not stated is said, not guessed', () => {
    const r = checkReport(departmentReport({ unitBudget: '若干' }), 'd.txt');
    assert.ok(!r.findings.some((f) => f.kind === 'sum-mismatch'));
    assert.ok(
      r.unextracted.some((u) => u.includes('部门全年预算数未能与各单位核对（甲县工人文化宫未写明）')),
      r.unextracted.join('\n'),
    );
  });

  it('the same satisfaction scored differently in two units', () => {
    const r = checkReport(
      departmentReport({
        whole: '299.99万元（其中基本支出249.99万元，项目支出50.00万元）',
        unitScore: '8.5',
      }),
      'd.txt',
    );
    const same = r.findings.filter((f) => f.kind === 'same-rule-different-score');
    assert.equal(same.length, 1, r.findings.map((f) => f.message).join('\n'));
    assert.match(
      same[0]?.message ?? '',
      /同一完成值 95%：甲县总工会:A1 满意度指标 得 10 分.*甲县工人文化宫:A1 满意度指标 得 8\.5 分/,
    );
    assert.equal(same[0]?.unit, '甲县工人文化宫');
    assert.equal(same[0]?.where, '第14行');
    assert.ok(!r.findings.some((f) => f.kind === 'sum-mismatch'));
  });
});
