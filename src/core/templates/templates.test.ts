import { test } from 'node:test';
import assert from 'node:assert/strict';
import { add, eq, sum, toRat, ZERO, type Rat } from '../decimal/index.ts';
import { Evaluation, type EvaluationInput, type IndicatorInputT } from '../schema/evaluation.ts';
import { DEFAULT_UNIT_NAME, findTemplate, PENDING_LEVEL, templates, type Template } from './index.ts';

function weightOf(node: IndicatorInputT): Rat {
  assert.notEqual(node.weight, undefined, `${node.code ?? node.name} has no weight`);
  const r = toRat(node.weight ?? 0);
  assert.ok(r !== undefined, `${node.code ?? node.name}: weight ${String(node.weight)} is not a decimal`);
  return r;
}

function* walk(nodes: readonly IndicatorInputT[]): Generator<IndicatorInputT> {
  for (const node of nodes) {
    yield node;
    yield* walk(node.children ?? []);
  }
}

const leaves = (e: EvaluationInput): IndicatorInputT[] =>
  [...walk(e.indicators)].filter((n) => n.children === undefined);
const level1 = (e: EvaluationInput): IndicatorInputT['weight'][] => e.indicators.map((n) => n.weight);
const byName = (e: EvaluationInput, name: string): IndicatorInputT[] =>
  [...walk(e.indicators)].filter((n) => n.name === name);
const get = (id: string): Template => {
  const t = findTemplate(id);
  assert.ok(t, `template ${id}`);
  return t;
};

test('template ids are unique and findTemplate finds each one', () => {
  const ids = templates.map((t) => t.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const t of templates) assert.equal(findTemplate(t.id), t);
  assert.equal(findTemplate('no-such-template'), undefined);
});

for (const t of templates) {
  test(`${t.id}: metadata`, () => {
    assert.match(t.name, /\p{Script=Han}/u);
    assert.match(t.description, /\p{Script=Han}/u);
    assert.ok(t.locality.length > 0 && t.source.length > 0 && t.version.length > 0);
    assert.ok(Number.isInteger(t.year) && t.year >= 2000);
  });

  test(`${t.id}: build() is schema-valid and names its template`, () => {
    const e = t.build();
    const parsed = Evaluation.safeParse(e);
    assert.ok(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues, null, 1));
    assert.equal(e.format, 'jixiao/evaluation@1');
    assert.equal(e.kind, t.kind);
    assert.deepEqual(e.template, { id: t.id, version: t.version });
    assert.ok(e.rules?.rounding && e.rules.grades && e.rules.notApplicable);
  });

  test(`${t.id}: codes are unique and follow the position (A, A1, A11)`, () => {
    const e = t.build();
    const codes = [...walk(e.indicators)].map((n) => n.code);
    assert.ok(codes.every((c) => c !== undefined));
    assert.equal(new Set(codes).size, codes.length);
    e.indicators.forEach((n, i) => {
      assert.equal(n.code, 'ABCDEFGHIJ'.charAt(i));
    });
    for (const node of walk(e.indicators)) {
      (node.children ?? []).forEach((child, i) => {
        assert.equal(child.code, `${node.code ?? ''}${i + 1}`);
      });
    }
  });

  test(`${t.id}: weights add up to the parent at every level and to 100 at the top`, () => {
    const e = t.build();
    assert.ok(eq(sum(e.indicators.map(weightOf)), toRat(100) ?? ZERO), `top level: ${level1(e).join(' + ')}`);
    for (const node of walk(e.indicators)) {
      if (node.children === undefined) continue;
      assert.ok(node.children.length > 0, `${node.code ?? ''} has an empty children list`);
      const total = node.children.reduce((acc, c) => add(acc, weightOf(c)), ZERO);
      assert.ok(
        eq(total, weightOf(node)),
        `${node.code ?? ''} ${node.name}: children do not add up to ${String(node.weight)}`,
      );
    }
  });

  test(`${t.id}: every leaf has a method, groups have none, level-1 groups have a dimension`, () => {
    const e = t.build();
    for (const node of walk(e.indicators)) {
      if (node.children === undefined)
        assert.ok(node.method, `${node.code ?? ''} ${node.name} has no method`);
      else assert.equal(node.method, undefined, `${node.code ?? ''} is a group with a method`);
    }
    for (const node of e.indicators) assert.ok(node.dimension, `${node.code ?? ''} has no dimension`);
  });

  test(`${t.id}: a skeleton carries no actual values, judgements or statements`, () => {
    const e = t.build();
    for (const node of walk(e.indicators)) {
      for (const key of ['actual', 'override', 'stated', 'notApplicable', 'deviation', 'evidence'] as const) {
        assert.equal(node[key], undefined, `${node.code ?? ''}.${key}`);
      }
      if (node.method?.type === 'grade') {
        assert.equal(node.method.level, undefined);
        assert.equal(node.method.score, undefined);
        assert.ok(!(node.method.levels ?? []).some((l) => l.label === PENDING_LEVEL));
      }
      if (node.method?.type === 'likert')
        assert.deepEqual([node.method.rate, node.method.shares], [undefined, undefined]);
    }
    for (const key of ['budget', 'staffing', 'surveys', 'claims', 'goals'] as const)
      assert.equal(e[key], undefined, key);
  });

  test(`${t.id}: options are applied, defaults are the template's`, () => {
    const defaults = t.build();
    assert.equal(defaults.unit.name, DEFAULT_UNIT_NAME);
    assert.equal(defaults.fiscalYear, t.year);
    assert.equal(defaults.mode, t.defaultMode);
    const e = t.build({ unitName: ' 南昌市总工会 ', fiscalYear: 2024, mode: 'finance' });
    assert.deepEqual([e.unit.name, e.fiscalYear, e.mode], ['南昌市总工会', 2024, 'finance']);
    assert.equal(t.build({ unitName: '  ' }).unit.name, DEFAULT_UNIT_NAME);
    assert.ok(Evaluation.safeParse(e).success);
  });

  test(`${t.id}: each build() is a fresh object`, () => {
    const a = t.build();
    const first = a.indicators[0];
    assert.ok(first);
    first.name = 'changed';
    first.children?.splice(0);
    if (a.rules?.grades) a.rules.grades.length = 0;
    const b = t.build();
    assert.notEqual(b.indicators[0]?.name, 'changed');
    assert.deepEqual(Evaluation.safeParse(b).success, true);
    assert.equal(b.rules?.grades?.length, 4);
  });
}

test('default grades are 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 and rounding is half-up to 2 places', () => {
  for (const t of templates) {
    const { rules } = t.build();
    assert.deepEqual(
      rules?.grades?.map((g) => [g.grade, g.min]),
      [
        ['优', 90],
        ['良', 80],
        ['中', 60],
        ['差', 0],
      ],
    );
    assert.deepEqual(rules?.rounding, { mode: 'half-up', places: 2 });
  }
});

test('财预〔2020〕10号 project framework: 20/20/40/20, seed 004 split, 产出 + 效益 ≥ 60', () => {
  const e = get('mof-2020-10-project').build();
  assert.deepEqual(level1(e), [20, 20, 40, 20]);
  assert.equal(e.rules?.minOutputOutcomeShare, 60);
  const outputOutcome = e.indicators
    .filter((n) => n.dimension === 'output' || n.dimension === 'outcome')
    .map(weightOf);
  assert.ok(eq(sum(outputOutcome), toRat(60) ?? ZERO));
  assert.deepEqual(
    leaves(e).map((n) => n.weight),
    [3, 2, 3, 2, 5, 5, 5, 5, 5, 2, 3, 10, 10, 10, 10, 10, 10],
  );
  assert.deepEqual(
    leaves(e).map((n) => n.code),
    [
      'A11',
      'A12',
      'A21',
      'A22',
      'A31',
      'A32',
      'B11',
      'B12',
      'B13',
      'B21',
      'B22',
      'C11',
      'C21',
      'C31',
      'C41',
      'D11',
      'D12',
    ],
  );
  for (const name of ['资金到位率', '预算执行率', '实际完成率', '质量达标率']) {
    const [node] = byName(e, name);
    assert.equal(node?.target, '=100%', name);
    assert.equal(node?.method?.type, 'proportional', name);
  }
  assert.equal(byName(e, '立项依据充分性')[0]?.method?.type, 'grade');
  assert.equal(e.project?.name, '（项目名称）');
});

test('财预〔2020〕10号 self-evaluation: 预算执行率 10, 产出 50, 效益 30, 满意度 10', () => {
  const e = get('mof-2020-10-self').build();
  assert.deepEqual(level1(e), [10, 50, 30, 10]);
  assert.deepEqual(
    e.indicators.map((n) => n.dimension),
    ['execution', 'output', 'outcome', 'satisfaction'],
  );
  assert.equal(e.indicators[0]?.target, '=100%');
  assert.deepEqual(
    e.indicators[1]?.children?.map((n) => n.name),
    ['数量指标', '质量指标', '时效指标', '成本指标'],
  );
  const qualitative = leaves(e).filter((n) => n.method?.type === 'grade');
  assert.ok(qualitative.length > 0);
  for (const n of qualitative) {
    assert.deepEqual(n.method?.type === 'grade' ? n.method.levels?.map((l) => [l.min, l.max]) : [], [
      ['80%', '100%'],
      ['60%', '80%'],
      ['0%', '60%'],
    ]);
  }
});

test('财预〔2021〕101号 with cost: 10/20/40/20/10, band 60%, tiers as shares', () => {
  const e = get('mof-2021-101-self').build();
  assert.deepEqual(level1(e), [10, 20, 40, 20, 10]);
  assert.deepEqual(
    e.indicators.map((n) => n.name),
    ['预算执行率', '成本指标', '产出指标', '效益指标', '满意度指标'],
  );
  const exec = e.indicators[0]?.method;
  assert.ok(exec?.type === 'tiers');
  assert.deepEqual(
    exec.tiers.map((x) => [x.min, x.share]),
    [
      ['100%', '100%'],
      ['80%', '70%'],
      ['60%', '50%'],
      ['0%', '0%'],
    ],
  );
  const satisfaction = leaves(e).at(-1)?.method;
  assert.ok(satisfaction?.type === 'tiers');
  assert.deepEqual(
    satisfaction.tiers.map((x) => [x.min, x.share]),
    [
      ['90%', '100%'],
      ['80%', '80%'],
      ['60%', '50%'],
      ['0%', '0%'],
    ],
  );
  for (const n of leaves(e)) {
    const type = n.method?.type;
    assert.ok(type === 'band' || type === 'grade' || type === 'tiers', `${n.code ?? ''}: ${String(type)}`);
    if (n.method?.type === 'band') assert.equal(n.method.floor, '60%');
    if (n.method?.type === 'grade')
      assert.deepEqual(
        n.method.levels?.map((l) => l.label),
        ['基本达成', '部分实现', '实现程度较低'],
      );
  }
});

test('财预〔2021〕101号 without cost: 10/50/30/10', () => {
  const e = get('mof-2021-101-self-nocost').build();
  assert.deepEqual(level1(e), [10, 50, 30, 10]);
  assert.equal(byName(e, '成本指标').length, 0);
});

test('nanchang-2018-department: seed 000 表1 rows and weights as printed', () => {
  const e = get('nanchang-2018-department').build();
  assert.deepEqual(level1(e), [20, 80]);
  assert.deepEqual(
    leaves(e).map((n) => [n.name, n.weight]),
    [
      ['年初项目绩效目标编报', 4],
      ['年中追加项目绩效目标编报', 3],
      ['财政供养人员控制率', 3],
      ['三公经费变动率', 5],
      ['项目安排率', 5],
      ['基本支出预算完成率', 8],
      ['项目支出预算完成率', 8],
      ['支付进度率', 6],
      ['公用经费控制率', 6],
      ['“三公经费”控制率', 6],
      ['政府采购执行率', 6],
      ['管理制度健全性', 3],
      ['资金使用合规性', 7],
      ['预决算信息公开性', 4],
      ['绩效评价覆盖率', 6],
      ['年度重点工作办结率', 5],
      ['财政预算绩效管理', 10],
      ['社会公众满意度', 5],
    ],
  );
});

test('nanchang-2023-department: seed 001 weights, cost indicators with their limits', () => {
  const e = get('nanchang-2023-department').build();
  assert.deepEqual(level1(e), [13, 23, 34, 30]);
  assert.deepEqual(
    e.indicators[0]?.children?.map((n) => n.weight),
    [4, 5, 4],
  );
  assert.deepEqual(
    e.indicators[1]?.children?.map((n) => n.weight),
    [7, 5, 2, 7, 2],
  );
  const cost = e.indicators[2]?.children?.[3];
  assert.equal(cost?.name, '产出成本');
  assert.deepEqual(
    cost?.children?.map((n) => [n.name, n.weight, n.target]),
    [
      ['在职人员控制率', 2, '≤115%'],
      ['“三公经费”控制率', 2, '≤100%'],
      ['公用经费控制率', 2, '≤100%'],
      ['预算支出标准执行率', 2, '≤100%'],
    ],
  );
  for (const n of leaves(e).filter((x) => x.code?.startsWith('C'))) assert.equal(n.method?.type, 'band');
});

test('songming-2020-department: seed 002 codes A11 … C43 with the printed weights', () => {
  const e = get('songming-2020-department').build();
  assert.deepEqual(level1(e), [35, 20, 45]);
  const expected: Record<string, number[]> = {
    A1: [2, 3, 3, 3],
    A2: [3, 3, 4],
    A3: [3, 3, 3, 2, 3],
    B1: [2, 1, 1, 2],
    B2: [2, 2, 2],
    B3: [1, 1],
    B4: [2],
    B5: [1, 1, 1],
    B6: [1],
    C1: [2, 3, 3, 3, 3, 3, 3, 3, 1],
    C2: [3, 3],
    C3: [5, 5],
    C4: [1, 2, 2],
  };
  const groups = e.indicators.flatMap((n) => n.children ?? []);
  assert.deepEqual(
    Object.fromEntries(groups.map((g) => [g.code, (g.children ?? []).map((c) => c.weight)])),
    expected,
  );
  assert.equal(leaves(e).length, 42);
  assert.equal(byName(e, '在职人员控制率')[0]?.code, 'B31');
  assert.equal(byName(e, '在职人员控制率')[0]?.method?.type, 'threshold');
  assert.equal(byName(e, '人力资源投入合理性')[0]?.code, 'A33');
  assert.equal(byName(e, '人力资源投入合理性')[0]?.method?.type, 'likert');
  assert.equal(get('songming-2020-department').defaultMode, 'third-party');
});

test('liuyang-2022-department: seed 003 自评表 weights', () => {
  const e = get('liuyang-2022-department').build();
  assert.deepEqual(level1(e), [30, 25, 45]);
  assert.deepEqual(
    e.indicators[0]?.children?.map((n) => n.weight),
    [3, 4, 4, 5, 4, 3, 3, 4],
  );
  assert.deepEqual(
    e.indicators[1]?.children?.map((n) => [n.name, n.weight]),
    [
      ['数量指标', 6],
      ['质量指标', 8],
      ['时效指标', 5],
      ['成本指标', 6],
    ],
  );
  assert.deepEqual(
    e.indicators[2]?.children?.map((n) => [n.name, n.weight]),
    [
      ['社会效益指标', 20],
      ['生态效益指标', 7],
      ['可持续影响指标', 8],
      ['满意度指标', 10],
    ],
  );
});
