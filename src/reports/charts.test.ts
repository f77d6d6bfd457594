import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { scoreEvaluation } from '../core/engine.ts';
import { parseEvaluation } from '../core/normalize.ts';
import type { ScoreResult } from '../core/result.ts';
import { type ChartSpec, budgetChart, budgetSpec, scoreRateChart, scoreRateSpec } from './charts.ts';
import { findCjkFonts } from './fonts.ts';

function seed(file: string): ScoreResult {
  const url = new URL(`../../examples/seeds/${file}`, import.meta.url);
  return scoreEvaluation(parseEvaluation(JSON.parse(readFileSync(url, 'utf8')) as unknown));
}

const S002 = '002_bcba853156c95a30.json';
const S004 = '004_9b93941ec0b19236.json';
const S001 = '001_a409125ab5d60bf9-zonggonghui.json';

/** Every string in the option (labels, categories, notes). */
function texts(spec: ChartSpec | undefined): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) Object.values(v).forEach(walk);
  };
  walk(spec?.option);
  return out;
}

function withoutBudget(result: ScoreResult): ScoreResult {
  return { ...result, evaluation: { ...result.evaluation, budget: { sources: [] } } };
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function assertPng(png: Uint8Array | undefined): void {
  assert.ok(png !== undefined);
  assert.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  assert.equal(view.getUint32(16), 1200, 'width');
  const height = view.getUint32(20);
  assert.ok(height >= 300 && height <= 1500, `height ${String(height)}`);
  assert.ok(png.length > 10_000 && png.length < 1_000_000, `${String(png.length)} bytes`);
}

describe('charts: what they show (exact text from Rat)', () => {
  it('得分率 per level-1 group with the weights and the overall rate (seed 002)', () => {
    const t = texts(scoreRateSpec(seed(S002)));
    for (const s of ['93.03%', '85.00%', '93.42%', '部门决策\n（35分）', '部门绩效\n（45分）', '得分率（%）'])
      assert.ok(t.includes(s), s);
    assert.ok(t.some((s) => s === '总得分率 91.60%'));
  });

  it('budget in 元 with thousands separators; a breakdown equal to 合计 is left out (seed 002)', () => {
    const t = texts(budgetSpec(seed(S002)));
    for (const s of [
      '7,219,023.00',
      '7,202,507.26',
      '合计\n执行率 99.77%',
      '全年预算数',
      '全年执行数',
      '单位：元',
    ])
      assert.ok(t.includes(s), s);
    assert.ok(!t.some((s) => s.startsWith('基本支出')));
  });

  it('budget in 万元 by 基本支出/项目支出 (seed 001 本级)', () => {
    const t = texts(budgetSpec(seed(S001)));
    for (const s of ['3,014.03', '3,013.88', '509.45', '509.30', '项目支出\n执行率 99.97%', '单位：万元'])
      assert.ok(t.includes(s), s);
  });

  it('no budget figures: no budget chart', async () => {
    const r = withoutBudget(seed(S004));
    assert.equal(budgetSpec(r), undefined);
    assert.equal(await budgetChart(r), undefined);
  });
});

const noFont = findCjkFonts() === undefined && process.env['CI'] === undefined ? 'no CJK font' : false;

describe('charts: PNG', { skip: noFont }, () => {
  for (const file of [S002, S004]) {
    it(`得分率 and budget charts render (seed ${file.slice(0, 3)})`, async () => {
      const r = seed(file);
      assertPng(await scoreRateChart(r));
      assertPng(await budgetChart(r));
    });
  }

  it('the same chart again is the same PNG (drawn once)', async () => {
    const r = seed(S002);
    const [a, b] = [await budgetChart(r), await budgetChart(r)];
    assert.ok(a !== undefined && a === b);
  });

  it('without a CJK font there are no charts (never tofu)', async () => {
    const old = process.env['JIXIAO_CJK_FONT'];
    process.env['JIXIAO_CJK_FONT'] = '/nonexistent/font.ttc';
    try {
      assert.equal(await scoreRateChart(seed(S004)), undefined);
      assert.equal(await budgetChart(seed(S004)), undefined);
    } finally {
      if (old === undefined) delete process.env['JIXIAO_CJK_FONT'];
      else process.env['JIXIAO_CJK_FONT'] = old;
    }
  });
});
