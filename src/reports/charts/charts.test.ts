import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { scoreEvaluation } from '../../core/engine.ts';
import { parseEvaluation } from '../../core/normalize.ts';
import type { ScoreResult } from '../../core/result.ts';
import { drawCharts } from './draw.ts';
import {
  type ChartSpec,
  budgetChart,
  budgetSpec,
  closeChartThreads,
  reportCharts,
  scoreRateChart,
  scoreRateSpec,
} from './index.ts';
import { FontSubsetter, faceIndex, svgText } from './subset.ts';
import { chartThreadCount, drawOnThread } from './threads.ts';
import { findCjkFonts } from '../fonts.ts';

function seed(file: string): ScoreResult {
  const url = new URL(`../../../examples/seeds/${file}`, import.meta.url);
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
    for (const s of ['93.03%', '85.00%', '93.42%', '部门决策\n（35分）', '部门绩效\n（45分）'])
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

  it('no budget figures: no budget chart', () => {
    const r = withoutBudget(seed(S004));
    assert.equal(budgetSpec(r), undefined);
    assert.equal(budgetChart(r), undefined);
  });
});

const noFont = findCjkFonts() === undefined && process.env['CI'] === undefined ? 'no CJK font' : false;

describe('charts: PNG', { skip: noFont }, () => {
  for (const file of [S002, S004]) {
    it(`得分率 and budget charts render (seed ${file.slice(0, 3)})`, async () => {
      const r = seed(file);
      assertPng(await scoreRateChart(r)?.png);
      assertPng(await budgetChart(r)?.png);
    });
  }

  it('the same chart again is the same PNG (drawn once)', async () => {
    const r = seed(S002);
    const [a, b] = [await budgetChart(r)?.png, await budgetChart(r)?.png];
    assert.ok(a !== undefined && a === b);
  });

  it('without a CJK font there are no charts (never tofu)', () => {
    const old = process.env['JIXIAO_CJK_FONT'];
    process.env['JIXIAO_CJK_FONT'] = '/nonexistent/font.ttc';
    try {
      assert.equal(scoreRateChart(seed(S004)), undefined);
      assert.equal(budgetChart(seed(S004)), undefined);
    } finally {
      if (old === undefined) delete process.env['JIXIAO_CJK_FONT'];
      else process.env['JIXIAO_CJK_FONT'] = old;
    }
  });
});

describe('charts: chart threads', { skip: noFont }, () => {
  it('a figure knows its shape at once; the PNG has that aspect ratio', async () => {
    const f = scoreRateChart(seed(S002));
    assert.ok(f !== undefined);
    assert.equal(f.width, 640);
    const png = await f.png;
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    const [w, h] = [view.getUint32(16), view.getUint32(20)];
    assert.ok(
      Math.abs(h - (w * f.height) / f.width) <= 1,
      `${String(w)}×${String(h)} for ${String(f.height)}`,
    );
  });

  it('drawn on a chart thread or on the calling thread: the same bytes', async () => {
    const r = seed(S004);
    const specs = [scoreRateSpec(r), budgetSpec(r)].filter((s): s is ChartSpec => s !== undefined);
    const font = findCjkFonts();
    assert.ok(font !== undefined);
    const [onThread, here] = await Promise.all([drawOnThread(specs, font), drawCharts(specs, font)]);
    assert.equal(onThread.length, 2);
    assert.deepEqual(onThread, here);
  });

  it('the charts of a report drawn together are the charts drawn one by one', async () => {
    const r = seed(S002);
    const { score, budget } = reportCharts(r);
    const font = findCjkFonts();
    assert.ok(score && budget && font);
    const [alone] = await drawCharts([scoreRateSpec(r) as ChartSpec], font);
    assert.deepEqual(await score.png, alone);
  });

  it('a chart that cannot be drawn fails with a message, and the thread goes on', async () => {
    const font = findCjkFonts();
    assert.ok(font !== undefined);
    const bad: ChartSpec = { option: { series: [{ type: 'bar', data: [1] }] }, height: -5 };
    await assert.rejects(drawOnThread([bad], font), /图表绘制失败/);
    const good = scoreRateSpec(seed(S004));
    assert.ok(good !== undefined);
    assertPng((await drawOnThread([good], font))[0]);
  });

  it('JIXIAO_CHART_THREADS: a whole number 0–16, or a message naming it', () => {
    assert.equal(chartThreadCount({}), 1);
    assert.equal(chartThreadCount({ JIXIAO_CHART_THREADS: '0' }), 0);
    assert.equal(chartThreadCount({ JIXIAO_CHART_THREADS: ' 3 ' }), 3);
    for (const bad of ['-1', 'two', '1.5', '17'])
      assert.throws(() => chartThreadCount({ JIXIAO_CHART_THREADS: bad }), /JIXIAO_CHART_THREADS.*0 到 16/);
  });

  it('closing the threads fails what they were drawing; the next chart starts a new thread', async () => {
    const font = findCjkFonts();
    const spec = budgetSpec(seed(S001));
    assert.ok(font && spec);
    const pending = drawOnThread([spec], font);
    await closeChartThreads();
    await assert.rejects(pending, /图表线程意外退出/);
    assertPng((await drawOnThread([spec], font))[0]);
    await closeChartThreads();
  });
});

describe('charts: the font cut down to the characters drawn', { skip: noFont }, () => {
  it('draws exactly the same pixels as with the whole font', async () => {
    const font = findCjkFonts();
    assert.ok(font !== undefined);
    for (const file of [S001, S002, S004]) {
      const r = seed(file);
      const specs = [scoreRateSpec(r), budgetSpec(r)].filter((s): s is ChartSpec => s !== undefined);
      assert.deepEqual(await drawCharts(specs, font), await drawCharts(specs, font, { subset: false }), file);
    }
  });

  it('finds the face a collection names (Noto Sans CJK SC is the third in Debian’s .ttc)', () => {
    const font = findCjkFonts();
    assert.ok(font !== undefined);
    const bytes = new Uint8Array(readFileSync(font.files[0] ?? ''));
    const index = faceIndex(bytes, font.family);
    if (font.family === 'Noto Sans CJK SC' && font.files[0]?.endsWith('.ttc')) assert.equal(index, 2);
    assert.equal(faceIndex(bytes, 'No Such Family'), 0);
    assert.equal(faceIndex(new Uint8Array(4), font.family), 0);
  });

  it('grows the subset when a chart shows a new character, and keeps it otherwise', async () => {
    const font = findCjkFonts();
    assert.ok(font !== undefined);
    const s = await FontSubsetter.open(new Uint8Array(readFileSync(font.files[0] ?? '')), font.family);
    const a = s.fontFor('得分率 98.00%');
    assert.ok(a !== undefined && a.length < 200_000, `${String(a?.length)} bytes`);
    assert.equal(s.fontFor('率分得'), a, 'no new character: the same subset');
    const b = s.fontFor('嵩明县');
    assert.ok(b !== undefined && b !== a && b.length > a.length);
  });
});

describe('charts: the text an SVG draws', () => {
  it('reads <text> and <tspan> content and unescapes entities', () => {
    const svg =
      '<svg><text x="1">部门&amp;单位</text><g><text y="2"><tspan>A&#x4E00;</tspan></text>' +
      '<text>&#20108;&lt;&gt;&quot;&apos;&unknown;</text></g></svg>';
    assert.equal(svgText(svg), '部门&单位A一二<>"\'&unknown;');
  });
});
