/**
 * Acceptance of the report checker on the five published reports, as text and as .docx made from
 * them: every indicator the hand encoding (examples/seeds/) scores is recovered with its score,
 * every unit's stated total is found, and the internal inconsistencies the golden cases record
 * that are a matter of the report's own figures are reported, quoted, by the checker on its own.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { type CheckReport, checkReport } from '../../src/checker/check.ts';
import { readTxt } from '../../src/checker/read-txt.ts';
import { nameKey } from '../../src/checker/text.ts';
import { parseEvaluation } from '../../src/core/normalize.ts';
import { docxFromDocument } from './docx-from-document.ts';

const REPORTS = new URL('../fixtures/reports/', import.meta.url);
const SEEDS = new URL('../../examples/seeds/', import.meta.url);

interface Leaf {
  code?: string;
  name: string;
  stated?: { score?: number | string }[];
  children?: Leaf[];
  method?: { score?: string };
}

const leavesOf = (nodes: readonly Leaf[]): Leaf[] =>
  nodes.flatMap((n) => (n.children && n.children.length > 0 ? leavesOf(n.children) : [n]));

/** Names as the report and the encoding write them: one contains the other, or they share a head. */
function sameName(a: string, b: string): boolean {
  // "可持续影响：基层工会办公条件可持续性" names its group before the colon
  const x = nameKey(a.replace(/^[^：:]{2,8}[：:]/, ''));
  const y = nameKey(b.replace(/^[^：:]{2,8}[：:]/, ''));
  return x.includes(y) || y.includes(x) || x.slice(0, 6) === y.slice(0, 6);
}

/**
 * The golden findings that rest on the report's own figures, as the checker must find them: kind
 * and a passage of the quote. (The others — rules applied wrongly, 不适用 given full marks, a
 * problem text contradicting a score — need the scoring rules or a reading of the prose.)
 */
interface Expected {
  kind: string;
  quote: string;
  unit?: string;
  /** A part of the message, where one passage carries several findings of a kind. */
  says?: string;
}

/** Seed 001 gives full marks, in each of its four units, to five indicators with nothing to evaluate. */
const NA_001 = [
  '南昌市总工会',
  '南昌市工人文化宫',
  '南昌市总工会宣教中心',
  '南昌市总工会职工服务中心',
].flatMap((unit) =>
  ['政府采购管理（2分）', '资产管理（7分）', '“三公经费”控制率', '公用经费控制率', '预算支出标准执行率'].map(
    (quote) => ({ kind: 'na-full-marks', quote, unit }),
  ),
);

const EXPECTED: Record<string, Expected[]> = {
  '000_f8c035b985fd6359': [
    { kind: 'rate-mismatch', quote: '预算调整率为0，' },
    { kind: 'rate-mismatch', quote: '预算调整率为0%' },
    { kind: 'figure-conflict', quote: '年中预算调整0万元' },
    { kind: 'figure-conflict', quote: '年中预算调整 0万元' },
    // points taken off in the table with nothing said of why
    ...[
      '管理制度健全性 3 2',
      '资金使用合规性 7 4',
      '预决算信息公开性 4 3',
      '财政预算绩效管理 10 9',
      '社会公众满意度 5 3.5',
    ].map((quote) => ({ kind: 'unexplained-deduction', quote })),
  ],
  '001_a409125ab5d60bf9': [
    { kind: 'rate-mismatch', quote: '总体预算执行率为99.99%', unit: '南昌市总工会' },
    { kind: 'rate-mismatch', quote: '预算执行率99.99%，资金使用', unit: '南昌市总工会' },
    { kind: 'sum-mismatch', quote: '788.62万元', unit: '南昌市总工会' },
    { kind: 'figure-conflict', quote: '预算资金329.62万元', unit: '南昌市总工会宣教中心' },
    { kind: 'target-too-high', quote: '微信公众号总浏览量300万次', unit: '南昌市总工会宣教中心' },
    { kind: 'target-too-low', quote: '官微视频号推送短视频80条', unit: '南昌市总工会宣教中心' },
    // the department's sentence against its four units' figures
    { kind: 'sum-mismatch', quote: '共计4,077.27万元', says: '= 4,077.26万元', unit: '南昌市总工会' },
    { kind: 'sum-mismatch', quote: '共计4,077.27万元', says: '= 3,567.81万元', unit: '南昌市总工会' },
    { kind: 'figure-conflict', quote: '项目支出379.45万元', says: '399.17万元', unit: '南昌市总工会' },
    // the satisfaction indicator across units: the same 90% (95%) scored differently
    { kind: 'same-rule-different-score', quote: '满意度指标', says: '同一完成值 90%' },
    { kind: 'same-rule-different-score', quote: '满意度指标', says: '同一完成值 95%' },
    ...NA_001,
  ],
  '002_bcba853156c95a30': [
    { kind: 'count-mismatch', quote: '15个三级指标进行考察，权重分值20.00分' },
    { kind: 'count-mismatch', quote: '15个三级指标进行考察，权重分值45.00分' },
    { kind: 'weight-mismatch', quote: '满分为2.00分' },
    { kind: 'text-contradicts-table', quote: 'C12' },
    { kind: 'text-contradicts-table', quote: 'C31' },
    { kind: 'text-contradicts-table', quote: 'C32' },
    // 95.40% and 4.60% against 预算调整数 7,219,023.00 (initial 7,549,890.00 调减 330,867.00)
    { kind: 'rate-mismatch', quote: '预算执行率=7,202,507.26/7,549,890.00*100%=95.40%' },
    { kind: 'rate-mismatch', quote: '预算调整率=（7,549,890.00-7,202,507.26）/7,549,890.00=4.60%' },
    { kind: 'figure-conflict', quote: '2020年年初，基本支出预算7,549,890.00元' },
    // the same rate as B11's result in the indicator table
    { kind: 'rate-mismatch', quote: '预算执行率为95.40%' },
    // A33's paragraph gives A34 the score of A33's calculation
    { kind: 'text-contradicts-table', quote: '“A34办公资源投入合理性”指标得分为3.00*89.90%=2.70分' },
    { kind: 'score-above-weight', quote: '“A34办公资源投入合理性”指标得分为3.00*89.90%=2.70分' },
    { kind: 'elements-exceed-weight', quote: '②按规定程序进行预算调整，得1分' },
    { kind: 'shares-not-100', quote: '一般占比1.92%，不满意占比1.92%' },
    { kind: 'same-rule-different-score', quote: 'C32', says: '完成值更高反而得分更低' },
    // targets in the indicator's name, results in its paragraph: 28场次 for 20次, 92家 for 不低于20家
    { kind: 'target-too-low', quote: 'C17组织技术技能竞赛活动20次', says: '28场次' },
    { kind: 'target-too-low', quote: 'C18对不低于20家基层工会', says: '92家' },
    { kind: 'na-full-marks', quote: 'B12“三公经费”控制率', says: '无“三公经费”' },
    { kind: 'na-full-marks', quote: 'B52政府采购规范性', says: '无政府采购' },
  ],
  '003_e5ac9451f3a1d231': [
    { kind: 'sum-mismatch', quote: '基本支出总资金358.52万元' },
    { kind: 'figure-conflict', quote: '基本支出总资金358.52万元' },
    { kind: 'rate-mismatch', quote: '社会保障和就业支出54.17 万元，占15.12%' },
    { kind: 'rate-mismatch', quote: '其他支出47.32万元，占13.19%' },
    // the flattened budget table of the 自评表
    { kind: 'rate-mismatch', quote: '项目支出 27.32 47.32 173.8%' },
    { kind: 'execution-over-budget', quote: '部门整体支出合计358.52万元' },
    { kind: 'execution-over-budget', quote: '财政拨款 277.06 358.52 129.4%' },
    { kind: 'execution-over-budget', quote: '基本支出 249.74 311.20 125%' },
    { kind: 'execution-over-budget', quote: '项目支出 27.32 47.32 173.8%' },
    { kind: 'target-too-low', quote: '组织开展困难职工帮扶' },
    { kind: 'target-too-low', quote: '职工医疗互助保障工作提质扩面' },
    { kind: 'unexplained-deduction', quote: '公共机构节能工作', says: '完成情况显示已达到目标' },
  ],
  '004_9b93941ec0b19236': [
    { kind: 'subtotal-mismatch', quote: '产出类指标得分39.22分' },
    // 过程 stated twice: 19.78 in the summary, 20 in its own paragraph
    { kind: 'figure-conflict', quote: '过程类指标得分19.78分', says: '实际得分20 分' },
    { kind: 'score-mismatch', quote: '总得分为99分', says: '98.94' },
    { kind: 'rate-mismatch', quote: '资金执行率96.6%' },
    { kind: 'figure-conflict', quote: '资金执行33.46万元' },
    { kind: 'count-mismatch', quote: '由2个三级指标构成' },
    { kind: 'unit-mismatch', quote: '预期指标值为≥24次' },
    { kind: 'unit-mismatch', quote: '预期指标值为≥5场次' },
  ],
};

function encodings(stem: string): { unit: string; indicators: Leaf[] }[] {
  return readdirSync(SEEDS)
    .filter((f) => f.startsWith(stem))
    .map(
      (f) =>
        JSON.parse(readFileSync(new URL(f, SEEDS), 'utf8')) as { unit: { name: string }; indicators: Leaf[] },
    )
    .map((e) => ({ unit: e.unit.name.replace(/（本级）|\(本级\)/, ''), indicators: e.indicators }));
}

function expectRecovered(stem: string, r: CheckReport): void {
  const encoded = encodings(stem);
  assert.equal(r.units.length, encoded.length, `${stem}: units ${r.units.map((u) => u.unit).join('、')}`);
  for (const e of encoded) {
    const unit = r.units.find((u) => u.unit === e.unit);
    assert.ok(unit, `${stem}: unit ${e.unit} not found among ${r.units.map((u) => u.unit).join('、')}`);
    const got = leavesOf((unit.evaluation.indicators ?? []) as Leaf[]);
    const want = leavesOf(e.indicators).filter((l) => l.stated?.some((s) => s.score !== undefined));
    assert.ok(want.length > 0);
    for (const w of want) {
      const score = Number(w.stated?.find((s) => s.score !== undefined)?.score);
      const found = got.find((g) => sameName(g.name, w.name) && Number(g.method?.score) === score);
      assert.ok(
        found,
        `${stem} ${e.unit}: indicator ${w.code ?? ''} ${w.name} (${String(score)}) not recovered`,
      );
    }
    assert.equal(got.length, want.length, `${stem} ${e.unit}: indicators found`);
    assert.ok(unit.statedTotal !== undefined, `${stem} ${e.unit}: stated total`);
    // the file it builds is a valid evaluation file of the core format
    parseEvaluation(unit.evaluation);
  }
}

function expectFindings(stem: string, r: CheckReport): void {
  const pool = [...r.findings];
  for (const x of EXPECTED[stem] ?? []) {
    const k = pool.findIndex(
      (f) =>
        f.kind === x.kind &&
        ((f.quote ?? '').includes(x.quote) || f.message.includes(x.quote)) &&
        (x.says === undefined || f.message.includes(x.says)) &&
        (x.unit === undefined || f.unit === x.unit),
    );
    assert.ok(
      k >= 0,
      `${stem}: expected ${x.kind} quoting “${x.quote}”${x.says !== undefined ? ` saying “${x.says}”` : ''}; found:\n${r.findings.map((f) => `${f.kind} ${f.message}`).join('\n')}`,
    );
    const f = pool.splice(k, 1)[0];
    assert.ok(
      f?.where !== undefined && /^第\d+(行|页|段)/.test(f.where),
      `${stem}: ${x.kind} has a position`,
    );
    assert.ok(f?.message.includes('“'), `${stem}: ${x.kind} quotes its passage`);
  }
}

const stems = readdirSync(REPORTS)
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.replace(/\.txt$/, ''))
  .sort();

describe('checking the five published reports', () => {
  it('has the five reports', () => {
    assert.equal(stems.length, 5);
  });
  for (const stem of stems) {
    const bytes = readFileSync(new URL(`${stem}.txt`, REPORTS));
    it(`${stem}.txt: every indicator and total recovered, the inconsistencies reported`, () => {
      const r = checkReport(bytes, `${stem}.txt`);
      expectRecovered(stem, r);
      expectFindings(stem, r);
    });
    it(`${stem}.docx (made from the text, with merged tables and pages): the same`, async () => {
      const docx = await docxFromDocument(readTxt(bytes, `${stem}.txt`));
      const r = checkReport(docx, `${stem}.docx`);
      assert.equal(r.format, 'docx');
      expectRecovered(stem, r);
      expectFindings(stem, r);
    });
  }

  it('004: the finding of issue 6 reads as the issue shows it', () => {
    const r = checkReport(readFileSync(new URL('004_9b93941ec0b19236.txt', REPORTS)), '004.txt');
    const f = r.findings.find((x) => x.kind === 'rate-mismatch' && x.quote?.includes('96.6%'));
    assert.match(
      f?.message ?? '',
      /^第193行：“.*资金执行率96\.6%.*” — 319,800\.00元 ÷ 334,600\.00元 = 95\.58%$/,
    );
    assert.equal(r.year, 2022);
    assert.equal(r.kind, 'project');
  });

  it('grades as reports state them: 评价等级为“优”, 绩效评级为“优”', () => {
    for (const stem of ['000_f8c035b985fd6359', '002_bcba853156c95a30', '004_9b93941ec0b19236']) {
      const r = checkReport(readFileSync(new URL(`${stem}.txt`, REPORTS)), `${stem}.txt`);
      assert.equal(r.units[0]?.grade, '优', stem);
    }
  });
});
