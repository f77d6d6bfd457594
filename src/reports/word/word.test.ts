import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toFixed } from '../../core/decimal/index.ts';
import { flatten } from '../../core/engine.ts';
import type { ScoreResult, ScoredNode } from '../../core/result.ts';
import { DEPARTMENT_OUTLINE } from './department.ts';
import { leaves } from './indicator-text.ts';
import { headingNumber } from './numbering.ts';
import { PROJECT_OUTLINE } from './project.ts';
import { type ReadBack, inputOf, render, rowsNamed, seed } from './read-back.ts';

const S004 = '004_9b93941ec0b19236.json';
const S002 = '002_bcba853156c95a30.json';
const S003 = '003_e5ac9451f3a1d231.json';
const S001 = ['zonggonghui', 'fuwuzhongxin', 'wenhuagong', 'xuanjiao'].map(
  (u) => `001_a409125ab5d60bf9-${u}.json`,
);

const fx = (n: ScoredNode): string => toFixed(n.score, 2);
const numbered = (outline: readonly string[]): string[] => outline.map((t, i) => headingNumber(1, i + 1) + t);
const h = (rb: ReadBack, level: number): string[] =>
  rb.headings.filter((x) => x.level === level).map((x) => x.text);

/** The summary table (指标 | 分值 | 得分 | 得分率) has every level-1 group with the engine's score and rate. */
function assertSummary(rb: ReadBack, result: ScoreResult): void {
  for (const g of result.roots) {
    const row = rowsNamed(rb, g.node.name).find((r) => r.length === 4 && r[0] === g.node.name);
    assert.ok(row, `summary row for ${g.node.name}`);
    assert.equal(row[2], fx(g));
    assert.equal(
      row[3],
      `${toFixed({ n: g.score.n * g.effectiveWeight.d * 100n, d: g.score.d * g.effectiveWeight.n }, 2)}%`,
    );
  }
  const total = rowsNamed(rb, '总计').find((r) => r[0] === '总计');
  assert.equal(total?.[2], toFixed(result.total, 2));
  assert.ok(rowsNamed(rb, '评价等级').some((r) => r[1] === result.grade));
}

describe('word: 项目支出绩效评价报告 (seed 004)', async () => {
  const result = seed(S004);
  const rb = await render(inputOf(result), 'project');

  it('has the 10号 outline in order, 五 being 预算执行进度与绩效指标偏差', () => {
    assert.deepEqual(h(rb, 1), numbered(PROJECT_OUTLINE));
    assert.equal(h(rb, 1)[4], '五、预算执行进度与绩效指标偏差');
    const analysis = h(rb, 2).filter((t) => t.startsWith('（') && t.endsWith('情况') && t.includes('项目'));
    assert.deepEqual(analysis, [
      '（一）项目决策情况',
      '（二）项目过程情况',
      '（三）项目产出情况',
      '（四）项目效益情况',
    ]);
    assert.ok(rb.text.includes('目  录'));
  });

  it('breaks the title into unit, year and project, report kind', () => {
    assert.ok(
      rb.text.startsWith('阿克陶县总工会\n\n2022年度工会社会化聘用人员社保缴费\n\n项目支出绩效自评报告\n\n'),
    );
  });

  it('prints the total, grade, amounts in 万元 and rates with 2 decimals', () => {
    assertSummary(rb, result);
    assert.equal(toFixed(result.total, 2), '98.92');
    assert.match(rb.text, /总得分98\.92分（满分100分），绩效评级为“优”/);
    assert.ok(rb.text.includes('全年预算33.46万元'));
    assert.ok(rb.text.includes('全年执行31.98万元，预算执行率95.58%'));
    assert.ok(rb.text.includes('阿克陶县总工会'));
  });

  it('writes a paragraph per indicator with its target, actual and the engine’s score', () => {
    assert.ok(rb.text.includes('社会化人员社保金缴费人数：年度指标值为≥24次，全年完成值为24人。'));
    assert.ok(rb.text.includes('按“完成比例”方法计分：5 × 95.58% ÷ 100% = 4.77。'));
    for (const leaf of result.roots.flatMap(leaves)) {
      const para = rb.text.split('\n').find((p) => /^（\d+）/.test(p) && p.includes(`${leaf.node.name}：`));
      assert.ok(para, `paragraph for ${leaf.node.code}`);
      assert.ok(para.includes(`得${fx(leaf)}分`), `${leaf.node.code} ${fx(leaf)} in ${para}`);
    }
    assert.ok(rb.text.includes('偏差原因：因为社保金12月分未按时缴纳。改进措施：及时缴纳缴纳社保。'));
  });

  it('lists the evaluation’s problems and suggestions, never the audit’s findings', () => {
    for (const p of result.evaluation.problems) assert.ok(rb.text.includes(p.text));
    for (const s of result.evaluation.suggestions) assert.ok(rb.text.includes(s.text));
    const findings = inputOf(result).findings;
    assert.ok(findings.length > 0);
    for (const f of findings) assert.ok(!rb.text.includes(f.message), f.message);
  });
});

describe('word: 部门整体支出绩效评价报告 (seeds 002, 003)', async () => {
  const r002 = seed(S002);
  const r003 = seed(S003);
  const rb002 = await render(inputOf(r002), 'department');
  const rb003 = await render(inputOf(r003), 'department');

  it('has the shared outline in order', () => {
    assert.deepEqual(h(rb002, 1), numbered(DEPARTMENT_OUTLINE));
    assert.deepEqual(h(rb003, 1), numbered(DEPARTMENT_OUTLINE));
    for (const rb of [rb002, rb003]) {
      const names = h(rb, 2);
      for (const t of ['（一）基本情况', '（二）职能职责', '（三）机构人员', '（四）预算及执行情况'])
        assert.ok(names.includes(t), t);
    }
  });

  it('titles a self evaluation 自评报告 and a third-party one 评价报告, unit name on its own line', () => {
    assert.ok(rb003.text.startsWith('浏阳市总工会\n\n2022年度部门整体支出绩效自评报告\n\n目  录'));
    assert.ok(rb002.text.startsWith('嵩明县总工会\n\n2020年度部门整体支出绩效评价报告\n\n目  录'));
    const titles = [...rb002.xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Title"\/>.*?<\/w:p>/g)];
    assert.equal(titles.length, 2);
    assert.match(titles[0]?.[0] ?? '', /<w:keepNext\/>/);
  });

  it('numbers the table captions 表1, 表2 … in document order', () => {
    for (const rb of [rb002, rb003]) {
      const numbers = [...rb.text.matchAll(/^表(\d+) /gm)].map((m) => Number(m[1]));
      assert.ok(numbers.length >= 5);
      assert.deepEqual(
        numbers,
        numbers.map((_, i) => i + 1),
      );
      assert.ok(!/^[表图] /m.test(rb.text), 'an unnumbered caption');
    }
    assert.ok(rb002.text.includes('表2 2020年度预算及执行情况（单位：元）'));
  });

  it('keeps table rows whole, repeats header rows and aligns body text left', () => {
    const rows = rb002.xml.match(/<w:tr>.*?<\/w:tr>/g) ?? [];
    assert.ok(rows.length > 40);
    for (const r of rows) assert.match(r, /^<w:tr><w:trPr><w:cantSplit\/>/);
    assert.ok(rows.filter((r) => r.includes('<w:tblHeader/>')).length >= 5);
    assert.ok(!rb002.xml.includes('w:val="both"'), 'justified text');
  });

  it('puts every indicator’s score in the group tables, equal to the engine’s', () => {
    for (const [rb, result] of [
      [rb002, r002],
      [rb003, r003],
    ] as const) {
      assertSummary(rb, result);
      for (const n of flatten(result.roots)) {
        if (n.node.level === 1) continue;
        const row = rowsNamed(rb, n.node.name).find((r) => r.length === 4 && r[0] === n.node.name);
        assert.ok(row, `${n.node.code} ${n.node.name}`);
        assert.equal(row[3], fx(n), n.node.code);
      }
    }
    assert.equal(toFixed(r002.total, 2), '91.60');
    assert.match(rb002.text, /总得分91\.60分（满分100分，得分率91\.60%），评价等级为“优”/);
  });

  it('shows budget tables in the evaluation’s unit and the staffing table', () => {
    const total = rowsNamed(rb002, '合计').find((r) => r.length === 6);
    assert.deepEqual(total, [
      '合计',
      '7,549,890.00',
      '-330,867.00',
      '7,219,023.00',
      '7,202,507.26',
      '99.77%',
    ]);
    const t003 = rowsNamed(rb003, '合计').find((r) => r.length === 6);
    assert.deepEqual(t003, ['合计', '—', '—', '277.06', '358.52', '129.40%']);
    assert.deepEqual(rowsNamed(rb002, '编制数（人）')[0], ['编制数（人）', '24', '4', '20']);
    assert.ok(rb002.text.includes('（1）贯彻执行党的路线'));
  });

  it('reads differently for a different evaluation', () => {
    const analysis = (rb: ReadBack): string[] => {
      const from = rb.text.lastIndexOf('四、指标分析');
      const to = rb.text.lastIndexOf('五、存在的问题');
      return rb.text
        .slice(from, to)
        .split('\n')
        .filter((p) => p.length > 20);
    };
    const a = analysis(rb002);
    const b = new Set(analysis(rb003));
    assert.ok(a.length > 40 && b.size > 20);
    assert.deepEqual(
      a.filter((p) => b.has(p)),
      [],
    );
  });
});

describe('word: a department with its units (seed 001)', async () => {
  const [dept, ...units] = S001.map(seed);
  assert.ok(dept);
  const rb = await render(inputOf(dept, units), 'department');
  const all = [dept, ...units];

  it('shows the four units’ totals side by side', () => {
    const header = rb.tables.flat().find((r) => r[0] === '单位');
    assert.ok(header);
    assert.deepEqual(header.slice(-2), ['总分', '等级']);
    for (const r of all) {
      const row: string[] | undefined = rowsNamed(rb, r.evaluation.unit.name).find(
        (x) => x[0] === r.evaluation.unit.name && x.length === header.length,
      );
      assert.ok(row, r.evaluation.unit.name);
      assert.equal(row.at(-2), toFixed(r.total, 2));
      assert.equal(row.at(-1), r.grade);
      for (const g of r.roots) assert.equal(row[header.indexOf(g.node.name)], fx(g));
    }
  });

  it('analyses each unit in a sub-section of 四', () => {
    const h2 = h(rb, 2);
    const from = h2.indexOf('（一）南昌市总工会');
    assert.ok(from >= 0);
    assert.deepEqual(
      h2.slice(from, from + 4).map((t) => t.replace(/^（.）/, '')),
      all.map((r) => r.evaluation.unit.name),
    );
    for (const r of units)
      assert.ok(rb.text.includes(`${r.evaluation.unit.name}总得分${toFixed(r.total, 2)}分`));
  });
});

describe('word: 绩效自评表 (seed 003)', async () => {
  const result = seed(S003);
  const rb = await render(inputOf(result), 'self-table');
  const rows = rb.tables.flat();

  it('has the header block: unit, funds by source and structure, goals set vs achieved', () => {
    assert.ok(rows.some((r) => r[0] === '单位名称' && r[1] === '浏阳市总工会'));
    assert.ok(rows.some((r) => r.join('|') === '年度资金总额|277.06|358.52|129.40%'));
    assert.ok(rows.some((r) => r.join('|') === '按结构：项目支出|27.32|47.32|173.21%'));
    assert.ok(rows.some((r) => r.includes('预期目标') && r.includes('实际完成情况')));
    const goals = result.evaluation.goals;
    assert.ok(goals?.overall && rb.text.includes(goals.overall));
  });

  it('has a row per indicator with the engine’s score, and the 总分 row', () => {
    assert.ok(
      rows.some((r) => r.join('|').startsWith('一级指标|二级指标|三级指标|年度指标值|全年完成值|分值|得分')),
    );
    for (const leaf of result.roots.flatMap(leaves)) {
      const row = rows.find((r) => r.some((c) => c === leaf.node.name || c.endsWith(`—${leaf.node.name}`)));
      assert.ok(row, leaf.node.code);
      assert.equal(row.at(-2), fx(leaf), leaf.node.code);
    }
    for (const leaf of result.roots.flatMap(leaves)) {
      if (leaf.node.deviation !== undefined || leaf.node.measures !== undefined) continue;
      const row = rows.find((r) => r.some((c) => c === leaf.node.name || c.endsWith(`—${leaf.node.name}`)));
      assert.equal(row?.at(-1), '—', leaf.node.code);
    }
    const total = rows.find((r) => r[0] === '总分');
    assert.deepEqual(total, ['总分', '100', toFixed(result.total, 2), `评价等级：${result.grade}`]);
  });
});

describe('word: 指标体系评分表 (seed 002)', async () => {
  const result = seed(S002);
  const rb = await render(inputOf(result), 'indicators');
  const rows = rb.tables.flat();

  it('has every node with its weight, score and method', () => {
    for (const n of flatten(result.roots)) {
      const row = rows.find((r) => r.includes(`${n.node.code} ${n.node.name}`));
      assert.ok(row, n.node.code);
      assert.equal(row.at(-3), fx(n), n.node.code);
      assert.equal(row.at(-1), n.explanation);
    }
    const a33 = rows.find((r) => r.includes('A33 人力资源投入合理性'));
    assert.equal(a33?.at(-4), '问卷得分率');
    const total = rows.find((r) => r[0] === '总计');
    assert.deepEqual(total, ['总计', '100', '', '91.60', '91.60%', '评价等级：优']);
  });

  it('keeps a merged label in the first row of its group, tall enough to hold it', () => {
    const a2 = rb.xml.match(/<w:tr>(?:(?!<\/w:tr>).)*?A2 部门职能.*?<\/w:tr>/)?.[0] ?? '';
    assert.match(a2, /<w:trHeight w:val="\d+" w:hRule="atLeast"\/>/);
    assert.match(a2, /<w:vMerge w:val="restart"\/>(?:(?!<\/w:tc>).)*?<w:vAlign w:val="top"\/>/);
  });
});

describe('word: charts', async () => {
  const withCharts = await render(inputOf(seed(S004)), 'project', true);
  const without = await render(inputOf(seed(S004)), 'project', false);
  const images = (rb: ReadBack): number => rb.html.split('<img').length - 1;

  it('puts the budget chart in 一 and the score-rate chart in 三, none with charts off', () => {
    assert.equal(images(without), 0);
    if (images(withCharts) === 0) return; // no CJK font here: charts.ts draws nothing rather than tofu
    assert.equal(images(withCharts), 2);
    const budget = withCharts.html.indexOf('<img');
    const second = withCharts.html.indexOf('<img', budget + 1);
    assert.ok(
      budget > withCharts.html.indexOf('一、基本情况') &&
        budget < withCharts.html.indexOf('二、绩效评价工作开展情况</h1>'),
    );
    assert.ok(second > withCharts.html.indexOf('三、综合评价情况及评价结论</h1>'));
    assert.ok(withCharts.text.includes('图1 预算与执行情况'));
    assert.ok(withCharts.text.includes('图2 各一级指标得分率'));
    assert.ok(withCharts.text.includes('表1 综合评价得分情况'));
  });
});
