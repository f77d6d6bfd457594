import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkReport } from './check.ts';
import { budgetOf } from './facts.ts';
import { readBudgetGrid, readFlatBudgetTables } from './budget-table.ts';
import type { Line } from './text.ts';
import { newUnit } from './tree.ts';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
/** The core audits a unit only with an indicator: a one-row indicator table after the text. */
const report = (text: string): Uint8Array => enc(`${text}\n\n一级指标\t分值\t得分\n决策\t20\t18\n`);
const lines = (texts: string[]): Line[] =>
  texts.map((text, i) => ({ text, where: `第${String(i + 1)}行`, block: i }));

/** Seed 003's 自评表 head, as a text export flattens it: one cell per line, empty cells gone. */
const FLAT = [
  '部门（单位）名称',
  '浏阳市总工会',
  '整体支出规模',
  '（万元）',
  '全年预算数',
  '全年执行数',
  '执行率',
  '资金来源：（1）财政拨款',
  '277.06',
  '358.52',
  '129.4%',
  '（2）其他资金',
  '资金结构：（1）基本支出',
  '249.74',
  '311.20',
  '125%',
  '（2）项目支出',
  '27.32',
  '47.32',
  '173.8%',
  '年度总体目标',
  '年初设定目标',
  '全年完成情况',
];

describe('budget-execution tables', () => {
  it('reads the flattened table: each row’s figures, its rates, the whole from its sources, with each row’s position', () => {
    const u = newUnit('浏阳市总工会');
    const problems = readFlatBudgetTables(lines(FLAT), () => u);
    assert.deepEqual(problems, []);
    const data = budgetOf(u.amounts);
    const value = (f: string): string | undefined => data.get(f)?.value;
    assert.equal(value('budget.sources[0].annual'), '277.06万元');
    assert.equal(value('budget.basic.executed'), '311.20万元');
    assert.equal(value('budget.project.annual'), '27.32万元');
    // no row states the whole: its one source is it, worked out and not claimed as stated
    assert.equal(value('budget.executed'), '358.52万元');
    assert.equal(data.get('budget.executed')?.derived, true);
    assert.deepEqual(u.sources, ['财政拨款']);
    assert.deepEqual(
      u.ratios.map((r) => [r.scope, r.value, r.needs, r.where]),
      [
        ['source:财政拨款', '129.4%', 'budget.sources[0].executed', '第8行'],
        ['basic', '125%', 'budget.basic.executed', '第13行'],
        ['project', '173.8%', 'budget.project.executed', '第17行'],
      ],
    );
    // the structure against the whole, per column
    assert.deepEqual(
      u.sums.map((s) => [s.label, s.total, s.parts.map((p) => p.value)]),
      [
        ['全年预算数', '277.06万元', ['249.74万元', '27.32万元']],
        ['全年执行数', '358.52万元', ['311.20万元', '47.32万元']],
      ],
    );
  });

  it('says what it could not read: a table without an amount unit, a row with figures missing', () => {
    const noUnit = FLAT.filter((t) => t !== '（万元）');
    const u = newUnit('x');
    const p1 = readFlatBudgetTables(lines(noUnit), () => u);
    assert.equal(p1.length, 1);
    assert.match(p1[0] ?? '', /第4行：预算执行表（3列）未注明金额单位/);
    assert.equal(u.amounts.length, 0);
    const short = FLAT.filter((t) => t !== '311.20');
    const v = newUnit('x');
    const p2 = readFlatBudgetTables(lines(short), () => v);
    assert.deepEqual(p2, [
      '第13行：预算执行表“资金结构：（1）基本支出”行只有 2 个数（应有 3 个），无法确定所在列，未读取',
    ]);
    assert.equal(budgetOf(v.amounts).get('budget.basic.executed'), undefined);
    assert.equal(budgetOf(v.amounts).get('budget.project.executed')?.value, '47.32万元');
  });

  it('reads a real table (merged label cells repeated), with a stated total row, and refuses a table that is not one', () => {
    const u = newUnit('x');
    const grid = [
      ['项目', '项目', '年初预算数', '全年预算数', '全年执行数', '执行率'],
      ['合计', '合计', '100', '120', '130', '108.33%'],
      ['资金结构', '基本支出', '80', '90', '95', '105.56%'],
      ['资金结构', '项目支出', '20', '30', '34', '113.3%'],
    ];
    const problems = readBudgetGrid(u, grid, '表1 预算执行情况（单位：万元）', '第3页的表格');
    assert.deepEqual(problems, []);
    const data = budgetOf(u.amounts);
    assert.equal(data.get('budget.initial')?.value, '100万元');
    assert.equal(data.get('budget.executed')?.value, '130万元');
    assert.equal(data.get('budget.executed')?.derived, undefined);
    assert.equal(data.get('budget.project.executed')?.value, '34万元');
    // 95 + 34 = 129, not the 130 the total row states: the sum is there for the audit to find
    const executed = u.sums.find((s) => s.label === '全年执行数');
    assert.deepEqual(
      executed?.parts.map((p) => p.value),
      ['95万元', '34万元'],
    );
    assert.equal(executed?.total, '130万元');
    assert.equal(readBudgetGrid(newUnit('y'), [['一级指标', '分值', '得分']], '', '第1页的表格'), undefined);
  });

  it('a report with such a table, checked end to end: execution over budget, the wrong rate and the broken sum, quoted', () => {
    const text = [
      '某某局2023年度部门整体支出绩效自评表',
      '单位：万元',
      '项目\t年初预算数\t全年预算数\t全年执行数\t执行率',
      '合计\t100\t120\t130\t108.33%',
      '基本支出\t80\t90\t95\t105.56%',
      '项目支出\t20\t30\t34\t113.5%',
      '',
    ].join('\n');
    const r = checkReport(report(text), 'x.txt');
    const kinds = r.findings.map((f) => `${f.kind} ${f.quote ?? ''}`);
    assert.ok(kinds.includes('execution-over-budget 合计 100 120 130 108.33%'), kinds.join('\n'));
    assert.ok(kinds.includes('rate-mismatch 项目支出 20 30 34 113.5%'), kinds.join('\n'));
    assert.ok(
      kinds.some((k) => k.startsWith('sum-mismatch')),
      kinds.join('\n'),
    );
    assert.ok(!kinds.some((k) => k.includes('基本支出 80 90 95 105.56%') && k.startsWith('rate-mismatch')));
  });
});

describe('budget figures in the text', () => {
  const facts = (text: string) => {
    const r = checkReport(report(text), 'x.txt');
    return r.findings.map((f) => f.message);
  };

  it('“预算调整数A，调减B” is the adjusted budget only when 年初 − B = A', () => {
    const adjusted = facts(
      '年初预算收入1,000.00元，预算调整数900.00元，调减100.00元。决算支出900.00元。预算执行率为90.00%。',
    );
    assert.ok(
      adjusted.some((m) => m.includes('900.00元 ÷ 900.00元 = 100.00%')),
      adjusted.join('\n'),
    );
    // 1,000 − 100 is not 800: which figure 800 is, the text does not settle, so no rate is computed from it
    const unsettled = facts(
      '年初预算收入1,000.00元，预算调整数800.00元，调减100.00元。决算支出900.00元。预算执行率为90.00%。',
    );
    assert.ok(!unsettled.some((m) => m.includes('÷ 800.00元')), unsettled.join('\n'));
  });

  it('a share is of the whole the paragraph last broke down; a share of something named is not taken', () => {
    const found = facts(
      '部门整体支出合计200.00万元，其中：基本支出150.00万元，占75.00%；项目支出50.00万元，占20.00%。其中公用经费10.00万元，占年度支出总额9.00%。',
    );
    assert.ok(
      found.some((m) => m.includes('500,000.00元 ÷ 2,000,000.00元 = 25.00%')),
      found.join('\n'),
    );
    assert.ok(!found.some((m) => m.includes('1,500,000.00元 ÷')), found.join('\n'));
    assert.ok(!found.some((m) => m.includes('9.00%')), found.join('\n'));
  });

  it('a sentence about one project speaks of the project’s money, not the whole budget’s', () => {
    const found = facts(
      '2023年度决算支出1,000.00万元。本单位仅有一个项目，预算金额30.00万元，实际支出30.00万元。',
    );
    assert.ok(!found.some((m) => m.includes('figure') || m.includes('所述 300,000.00元')), found.join('\n'));
  });
});

describe('targets against the unit their indicator declares', () => {
  it('reports “人数（人）” with a target in 次, and lets 人次 stand for 人', () => {
    const r = checkReport(
      report(
        '“缴费人数（人）”指标，预期指标值为≥24次；“培训人次（人）”指标，预期指标值为≥30人次；“覆盖率（%）”指标，预期指标值为=100%。',
      ),
      'x.txt',
    );
    const units = r.findings.filter((f) => f.kind === 'unit-mismatch');
    assert.deepEqual(
      units.map((f) => f.message),
      [
        '第1行：““缴费人数（人）”指标，预期指标值为≥24次；”：指标“缴费人数”的计量单位为“人”，而指标值 ≥24次 的单位为“次”',
      ],
    );
  });
});

describe('scores, elements and questionnaires in the text', () => {
  const TABLE = [
    '',
    '',
    '指标名称\t指标分值\t实际得分',
    'A33人力资源投入合理性\t3\t2.7',
    'A34办公资源投入合理性\t2\t1.86',
    'B13预算调整情况\t1\t1',
    '',
  ].join('\n');
  const run = (text: string) => checkReport(enc(`${text}${TABLE}`), 'x.txt').findings;

  it('a score the text gives another indicator it quotes by code joins that indicator', () => {
    const f = run(
      'A33人力资源投入合理性：该题得分率为89.90%，“A34办公资源投入合理性”指标得分为3.00*89.90%=2.70分。\n',
    );
    assert.ok(f.some((x) => x.kind === 'text-contradicts-table' && x.quote?.includes('=2.70分')));
    assert.ok(f.some((x) => x.kind === 'score-above-weight' && x.message.includes('“')));
    // its own paragraph restating its own score says nothing new
    const own = run('A34办公资源投入合理性：“A34办公资源投入合理性”指标得分为2.00*92.79%=1.86分。\n');
    assert.ok(!own.some((x) => x.kind === 'text-contradicts-table'), own.map((x) => x.message).join('\n'));
  });

  it('elements scored above the weight of their indicator', () => {
    const f = run('B13预算调整情况：①及时申请预算调整，得1分；②按规定程序进行预算调整，得1分。\n');
    const e = f.filter((x) => x.kind === 'elements-exceed-weight');
    assert.equal(e.length, 1);
    assert.match(e[0]?.message ?? '', /B13 各要素得分 1 \+ 1 = 2 分，超过其分值 1 分/);
    assert.ok(
      !run('B13预算调整情况：①及时申请，得0.5分；②按规定程序，得0.5分。\n').some(
        (x) => x.kind === 'elements-exceed-weight',
      ),
    );
  });

  it('a question’s shares that do not add up to 100%, with the default levels or the report’s own', () => {
    const given = run(
      '根据取得的52份工作人员调查问卷，问卷第2题“是否满意？”统计结果为非常满意占比82.69%，满意占比13.46%，一般占比1.92%，不满意占比1.92%。\n',
    );
    assert.ok(
      given.some((x) => x.kind === 'shares-not-100' && x.where === '第1行'),
      given.map((x) => x.message).join('\n'),
    );
    const own = run('问卷第3题统计结果为很满意占比60%，比较满意占比30%，不太满意占比9%。\n');
    const s = own.filter((x) => x.kind === 'shares-not-100');
    assert.equal(s.length, 1);
    assert.match(s[0]?.message ?? '', /60% \+ 30% \+ 9% = 99%，不等于 100%/);
    assert.ok(
      !run('问卷第3题统计结果为很满意占比60%，比较满意占比30%，不太满意占比10%。\n').some(
        (x) => x.kind === 'shares-not-100',
      ),
    );
  });
});

describe('a target and an actual in the paragraph under an indicator', () => {
  it('“设置指标为…300万次，实际当年…215万次” gives the heading’s indicator its target and actual', () => {
    const r = checkReport(
      enc(
        [
          '（一）产出指标（30分）',
          '1）微信公众号总浏览量300万次（3分）',
          '依据当年工作计划，设置指标为微信公众号总浏览量300万次，实际当年微信公众号总浏览量215万次。依据评分标准，该指标得0.88分。',
          '',
        ].join('\n'),
      ),
      'x.txt',
    );
    const leaf = (
      r.units[0]?.evaluation.indicators as { children?: { target?: unknown; actual?: unknown }[] }[]
    )[0]?.children?.[0];
    assert.equal(leaf?.target, '300万次');
    assert.equal(leaf?.actual, '215万次');
    assert.ok(
      r.findings.some((f) => f.kind === 'target-too-high'),
      r.findings.map((f) => f.message).join('\n'),
    );
  });
});

describe('what the record shows of an indicator', () => {
  const leafOf = (r: ReturnType<typeof checkReport>, name: string) => {
    const walk = (ns: Record<string, unknown>[]): Record<string, unknown> | undefined => {
      for (const n of ns) {
        if (n.name === name) return n;
        const f = walk((n.children as Record<string, unknown>[] | undefined) ?? []);
        if (f) return f;
      }
      return undefined;
    };
    return walk((r.units[0]?.evaluation.indicators ?? []) as Record<string, unknown>[]);
  };

  it('full marks for what did not happen (nothing budgeted nor spent, 无固定资产) are 不适用; 无违规 and a deduction are not', () => {
    const r = checkReport(
      enc(
        [
          '（二）过程指标（16分）',
          '（1）政府采购管理（2分）',
          '2023年本单位政府采购预算0万元，决算金额0万元。依据评分标准，该指标得2分。',
          '（2）资产管理（7分）',
          '2023年本单位无固定资产。依据评分标准，该指标得7分。',
          '（3）财务管理（5分）',
          '本单位无违规使用资金问题。依据评分标准，该指标得5分。',
          '（4）公用经费控制率（2分）',
          '2023年公用经费预算金额0万元，2023年公用经费决算金额0万元。依据评分标准，该指标得1分。',
          '',
        ].join('\n'),
      ),
      'x.txt',
    );
    const na = r.findings.filter((f) => f.kind === 'na-full-marks');
    assert.deepEqual(
      na.map((f) => f.message.replace(/^.*”：/, '')),
      [
        'A1 政府采购管理：不适用（2023年本单位政府采购预算0万元，决算金额0万元），按本指标体系的规定给予满分 2',
        'A2 资产管理：不适用（2023年本单位无固定资产），按本指标体系的规定给予满分 7',
      ],
    );
    assert.ok(na.every((f) => f.severity === 'info'));
    assert.equal(leafOf(r, '财务管理')?.notApplicable, undefined);
    assert.equal(leafOf(r, '公用经费控制率')?.notApplicable, undefined);
  });

  it('a target the name states, and the result its paragraph gives in that unit', () => {
    const r = checkReport(
      enc(
        [
          'C17组织技术技能竞赛活动20次：2020年开展竞赛28场次，涉及20多个工种，参与职工6000余人。',
          '该项指标满分为3.00分，根据评分标准得3.00分。',
          'C18对不低于20家基层工会进行审计：覆盖基层工会单位22家，发现问题218条。',
          '该项指标满分为3.00分，根据评分标准得3.00分。',
          '',
          '',
          '指标名称\t指标分值\t实际得分',
          'C17组织技术技能竞赛活动20次\t3\t3',
          'C18对不低于20家基层工会进行审计\t3\t3',
          '',
        ].join('\n'),
      ),
      'x.txt',
    );
    assert.equal(leafOf(r, '组织技术技能竞赛活动20次')?.target, '20次');
    assert.equal(leafOf(r, '组织技术技能竞赛活动20次')?.actual, '28场次');
    assert.equal(leafOf(r, '对不低于20家基层工会进行审计')?.target, '≥20家');
    assert.equal(leafOf(r, '对不低于20家基层工会进行审计')?.actual, '22家');
    // 28场次 of 20次 is 40% over; 22 of 20 is within; 场次 counts 次
    assert.deepEqual(
      r.findings.filter((f) => f.kind.startsWith('target-') || f.kind === 'unit-mismatch').map((f) => f.kind),
      ['target-too-low'],
    );
  });

  it('a satisfaction scored lower for a higher result, within one report', () => {
    const r = checkReport(
      enc(
        [
          '指标名称\t指标分值\t完成情况\t实际得分',
          'C31会员满意度\t5.00\t满意度92.49%\t4.00',
          'C32工作人员满意度\t5.00\t满意度93.27%\t3.50',
          'C33服务对象满意度\t5.00\t满意度95%\t5.00',
          '',
        ].join('\n'),
      ),
      'x.txt',
    );
    const same = r.findings.filter((f) => f.kind === 'same-rule-different-score');
    assert.equal(same.length, 1, r.findings.map((f) => f.message).join('\n'));
    assert.match(
      same[0]?.message ?? '',
      /C31 会员满意度 完成 92\.49% 得 4 分，C32 工作人员满意度 完成 93\.27% 得 3\.5 分/,
    );
  });

  it('level-1 scores listed in one sentence join their groups: a group stated twice with two scores', () => {
    const r = checkReport(
      enc(
        [
          '本项目总得分为39.78分。其中，决策类指标得分20分，过程类指标得分19.78分。',
          '（一）项目决策情况。',
          '项目决策类指标由1个三级指标构成，权重分为20分，实际得分20分，得分率为100%。',
          '（1）立项依据充分性（20分）',
          '该指标得20分。',
          '（二）项目过程情况。',
          '项目过程类指标由1个三级指标构成，权重分为20分，实际得分20分，得分率为100%。',
          '（1）资金到位率（20分）',
          '该指标得19.78分。',
          '',
        ].join('\n'),
      ),
      'x.txt',
    );
    assert.deepEqual(
      (r.units[0]?.evaluation.indicators as { name: string }[]).map((n) => n.name),
      ['项目决策情况', '项目过程情况'],
    );
    const conflict = r.findings.filter((f) => f.kind === 'figure-conflict');
    assert.equal(conflict.length, 1, r.findings.map((f) => f.message).join('\n'));
    assert.match(conflict[0]?.message ?? '', /过程类指标得分19\.78分.*得分为 19\.78.*第7行.*得分为 20/);
  });
});
