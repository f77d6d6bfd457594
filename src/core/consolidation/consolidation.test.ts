/** Consolidation on seed 001 (a department and its three units) and on small cases: exact figures, ties. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type Rat, formatPercent, fromInt, toFixed, toRat } from '../decimal/index.ts';
import { scoreEvaluation } from '../engine.ts';
import { parseEvaluation } from '../normalize.ts';
import type { ScoreResult } from '../result.ts';
import {
  type UnitScore,
  consolidate,
  crossUnitFindings,
  overYears,
  problemMessage,
  rank,
  sideBySide,
} from './index.ts';

const SEEDS = new URL('../../../examples/seeds/', import.meta.url);
const STEMS = ['zonggonghui', 'wenhuagong', 'xuanjiao', 'fuwuzhongxin'] as const;

function seed(stem: string): unknown {
  return JSON.parse(readFileSync(new URL(`001_a409125ab5d60bf9-${stem}.json`, SEEDS), 'utf8')) as unknown;
}
const score = (doc: unknown): ScoreResult => scoreEvaluation(parseEvaluation(doc));
const units = (): UnitScore[] =>
  STEMS.map((stem, i) => {
    const result = score(seed(stem));
    return { key: String(i + 1), name: result.evaluation.unit.name, result };
  });
const fixed = (r: Rat | null | undefined): string | null | undefined =>
  r === null || r === undefined ? r : toFixed(r, 2);
const q = (s: string): Rat => toRat(s)!;

describe('side by side (seed 001)', () => {
  const rows = sideBySide(units());
  const row = (code: string) => rows.find((r) => r.code === code)!;

  it('lists every code of every tree once, each unit its weight and score', () => {
    assert.deepEqual(
      row('D4').cells.map((c) => fixed(c?.score)),
      ['8.75', '7.50', '10.00', '8.68'],
    );
    assert.deepEqual(
      row('C').cells.map((c) => fixed(c?.score)),
      ['32.56', '34.00', '30.16', '31.22'],
    );
    assert.deepEqual(
      row('D').cells.map((c) => fixed(c?.weight)),
      ['30.00', '30.00', '30.00', '30.00'],
    );
    assert.equal(new Set(rows.map((r) => r.code)).size, rows.length);
  });

  it('a code only one unit has is null for the others, and placed after its neighbour in that tree', () => {
    assert.deepEqual(
      row('D2').cells.map((c) => c === null),
      [false, true, true, true],
    );
    const codes = rows.map((r) => r.code);
    assert.ok(codes.indexOf('C13') === codes.indexOf('C12') + 1, codes.join(','));
    assert.ok(codes.indexOf('C15') < codes.indexOf('C2'));
    assert.ok(codes.indexOf('D4') === codes.length - 1);
  });

  it('notes when units name one code differently', () => {
    assert.equal(row('C11').sameName, false);
    assert.equal(row('D4').sameName, true);
    assert.equal(row('C11').cells[1]?.name, '举办“庆元宵 猜灯谜”群众性灯谜活动');
  });
});

describe('consolidate (seed 001)', () => {
  it('sums the budgets and gives the execution rate of the sums', () => {
    const c = consolidate(units(), 'mean');
    assert.equal(toFixed(c.annual!, 2), '40772600.00'); // 3,014.03 + 612.41 + 121.20 + 329.62 万元
    assert.equal(toFixed(c.executed!, 2), '40771100.00');
    assert.equal(formatPercent(c.executionRate!), '100.00%'); // 4,077.11 ÷ 4,077.26 = 99.996%
    assert.deepEqual(
      c.units.map((u) => [u.name, fixed(u.total), u.grade]),
      [
        ['南昌市总工会', '95.06', '优'], // the report states 95.30; the engine recomputes C1
        ['南昌市工人文化宫', '95.25', '优'],
        ['南昌市总工会宣教中心', '93.91', '优'],
        ['南昌市总工会职工服务中心', '94.90', '优'],
      ],
    );
  });

  it('the plain mean: (95.06 + 95.25 + 93.91 + 94.90) ÷ 4 = 94.78', () => {
    const c = consolidate(units(), 'mean');
    assert.equal(c.ruleName, '简单算术平均');
    assert.equal(fixed(c.score), '94.78');
    assert.equal(c.grade, '优');
  });

  it('weighted by 全年预算数: Σ total × budget ÷ Σ budget = 3,875,085,743 ÷ 40,772,600 = 95.0414… → 95.04', () => {
    const c = consolidate(units(), 'budget-weighted');
    assert.equal(c.ruleName, '按全年预算数加权平均');
    assert.equal(toFixed(c.exactScore!, 6), '95.041419');
    assert.equal(fixed(c.score), '95.04');
  });

  it('a unit without a budget: the weighted score is a problem naming it, the mean still works', () => {
    const us = units();
    const doc = seed('xuanjiao') as { budget: Record<string, unknown> };
    doc.budget = {};
    us[2] = { ...us[2]!, result: score(doc) };
    const c = consolidate(us, 'budget-weighted');
    assert.equal(c.score, null);
    assert.deepEqual(c.problem, { code: 'budget-missing', units: ['南昌市总工会宣教中心'] });
    assert.match(problemMessage(c.problem), /宣教中心/);
    assert.equal(c.annual, undefined);
    assert.equal(c.executionRate, null);
    assert.notEqual(consolidate(us, 'mean').score, null);
  });

  it('no units: a problem, not a number', () => {
    const c = consolidate([], 'mean');
    assert.equal(c.score, null);
    assert.deepEqual(c.problem, { code: 'no-units' });
  });
});

describe('rank', () => {
  const items = (totals: string[]) =>
    totals.map((t, i) => ({ key: String(i), name: `单位${String(i)}`, total: q(t) }));

  it('orders by total, highest first', () => {
    const r = rank(items(['80.5', '95.3', '60']));
    assert.deepEqual(
      r.map((x) => [x.key, x.rank, x.tied]),
      [
        ['1', 1, false],
        ['0', 2, false],
        ['2', 3, false],
      ],
    );
  });

  it('equal totals share a rank (并列); competition skips, dense does not', () => {
    const totals = ['90', '95.25', '95.25', '89.99', '90.00'];
    assert.deepEqual(
      rank(items(totals)).map((x) => [x.total.n === 0n ? '' : toFixed(x.total, 2), x.rank, x.tied]),
      [
        ['95.25', 1, true],
        ['95.25', 1, true],
        ['90.00', 3, true],
        ['90.00', 3, true],
        ['89.99', 5, false],
      ],
    );
    assert.deepEqual(
      rank(items(totals), 'dense').map((x) => x.rank),
      [1, 1, 2, 2, 3],
    );
  });

  it('ties are listed by name, whatever the input order', () => {
    const a = { key: 'a', name: '乙', total: fromInt(90) };
    const b = { key: 'b', name: '甲', total: fromInt(90) };
    assert.deepEqual(
      rank([a, b]).map((x) => x.key),
      rank([b, a]).map((x) => x.key),
    );
  });

  it('seed 001: 文化宫 95.25, 总工会 95.06, 服务中心 94.90, 宣教中心 93.91', () => {
    const r = rank(consolidate(units(), 'mean').units);
    assert.deepEqual(
      r.map((x) => [x.rank, x.name]),
      [
        [1, '南昌市工人文化宫'],
        [2, '南昌市总工会'],
        [3, '南昌市总工会职工服务中心'],
        [4, '南昌市总工会宣教中心'],
      ],
    );
  });
});

describe('over years', () => {
  it('one row per code, one column per year ascending, with each year’s totals', () => {
    const y2023 = seed('xuanjiao') as { fiscalYear: number; indicators: { code: string }[] };
    const y2024 = structuredClone(y2023);
    y2024.fiscalYear = 2024;
    const t = overYears([
      { fiscalYear: 2024, result: score(y2024) },
      { fiscalYear: 2023, result: score(y2023) },
    ]);
    assert.deepEqual(t.years, [2023, 2024]);
    assert.deepEqual(
      t.totals.map((x) => [x.fiscalYear, fixed(x.total)]),
      [
        [2023, '93.91'],
        [2024, '93.91'],
      ],
    );
    const c12 = t.rows.find((r) => r.code === 'C12')!;
    assert.deepEqual(
      c12.cells.map((c) => fixed(c?.score)),
      ['0.88', '0.88'],
    );
  });

  it('a code missing one year is null in that column', () => {
    const older = seed('zonggonghui');
    const newer = seed('wenhuagong') as { fiscalYear: number };
    newer.fiscalYear = 2024;
    const t = overYears([
      { fiscalYear: 2023, result: score(older) },
      { fiscalYear: 2024, result: score(newer) },
    ]);
    const d2 = t.rows.find((r) => r.code === 'D2')!;
    assert.deepEqual(
      d2.cells.map((c) => fixed(c?.score) ?? null),
      ['5.00', null],
    );
  });
});

describe('cross-unit audit (seed 001)', () => {
  const findings = crossUnitFindings(units());

  it('finds the two D4 disagreements and names the units', () => {
    assert.equal(findings.length, 2, JSON.stringify(findings, null, 1));
    const at90 = findings.find((f) => f.message.includes('90%'))!;
    const at95 = findings.find((f) => f.message.includes('95%'))!;
    for (const f of findings) {
      assert.equal(f.kind, 'same-rule-different-score');
      assert.equal(f.severity, 'error');
      assert.equal(f.code, 'D4');
    }
    // located at the unit whose score breaks the order, then the unit it is compared with
    assert.deepEqual(
      at90.units.map((u) => u.name),
      ['南昌市总工会职工服务中心', '南昌市工人文化宫'],
    );
    assert.deepEqual([at90.stated, at90.computed], ['8.68', '7.5']);
    assert.match(at90.message, /南昌市总工会职工服务中心 D4 满意度指标 得 8\.68 分/);
    assert.match(at90.message, /南昌市工人文化宫 D4 满意度指标 得 7\.5 分/);
    assert.deepEqual(
      at95.units.map((u) => u.name),
      ['南昌市总工会宣教中心', '南昌市总工会'],
    );
    assert.deepEqual([at95.stated, at95.computed], ['10', '8.75']);
    assert.deepEqual(
      at95.units.map((u) => u.key),
      ['3', '1'],
    );
  });

  it('one unit alone has no cross-unit findings', () => {
    assert.deepEqual(crossUnitFindings(units().slice(0, 1)), []);
  });
});
