import assert from 'node:assert/strict';
import { test } from 'node:test';
import mammoth from 'mammoth';
import { readDefinition } from '../../core/survey/definition.ts';
import { surveyResults } from '../../core/survey/results.ts';
import { SURVEY_ANNEX_TITLE, surveyAnnex } from './survey-annex.ts';

const strip = (s: string): string => s.replace(/<[^>]+>/g, '').trim();
const tables = (html: string): string[][][] =>
  [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((t) =>
    [...(t[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...(r[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((x) => strip(x[1] ?? '')),
    ),
  );

test('the annex: overview, a table per question with counts, shares and 得分率, overall satisfaction', async () => {
  const def = readDefinition({ name: '工作人员满意度调查', questions: ['办公条件', '人员配置', '培训机会'] });
  // q1 45/6/1/0 (92.79%), q2 43/7/1/1 (89.90%), q3 unanswered
  const results = surveyResults(def, { q1: [45, 6, 1, 0], q2: [43, 7, 1, 1] });
  const bytes = await surveyAnnex({
    evaluationTitle: '某单位2024年度部门整体支出绩效评价',
    def,
    results,
    online: 40,
    paperSheets: 12,
  });
  const buffer = Buffer.from(bytes);
  assert.equal(buffer.subarray(0, 2).toString(), 'PK');
  const html = (await mammoth.convertToHtml({ buffer })).value;
  const text = (await mammoth.extractRawText({ buffer })).value;
  assert.ok(text.includes(SURVEY_ANNEX_TITLE));
  assert.ok(text.includes('共收回有效问卷 52 份，其中网络问卷 40 份、纸质问卷 12 份'));
  const t = tables(html);
  assert.deepEqual(t[0], [
    ['答案等级', '权重'],
    ['非常满意', '1'],
    ['满意', '0.5'],
    ['一般', '0.25'],
    ['不满意', '0'],
  ]);
  assert.deepEqual(t[1], [
    ['答案等级', '等级权重', '份数', '占比', '加权得分'],
    ['非常满意', '1', '45', '86.54%', '86.54%'],
    ['满意', '0.5', '6', '11.54%', '5.77%'],
    ['一般', '0.25', '1', '1.92%', '0.48%'],
    ['不满意', '0', '0', '0.00%', '0.00%'],
    ['合计', '—', '52', '100.00%', '得分率 92.79%'],
  ]);
  assert.deepEqual(t[2]?.at(-1), ['合计', '—', '52', '100.00%', '得分率 89.90%']);
  assert.deepEqual(t[3]?.at(-1), ['合计', '—', '0', '—', '得分率 —']);
  // overall = mean of the answered questions: 95/104 = 91.35%
  assert.deepEqual(t[4], [
    ['题号', '题目', '有效答卷（份）', '得分率'],
    ['1', '办公条件', '52', '92.79%'],
    ['2', '人员配置', '52', '89.90%'],
    ['3', '培训机会', '0', '—'],
    ['总体满意度', '91.35%'],
  ]);
  assert.ok(text.includes('总体满意度为 91.35%'));
});
