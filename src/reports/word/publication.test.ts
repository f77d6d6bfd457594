import assert from 'node:assert/strict';
import { test } from 'node:test';
import mammoth from 'mammoth';
import { parseDecimal } from '../../core/decimal/index.ts';
import {
  DEFAULT_CONSEQUENCE_RULE,
  type RectificationItem,
  budgetConsequence,
} from '../../core/results/index.ts';
import { score } from './format.ts';
import { chineseDate, renderPublication } from './publication.ts';
import { seed } from './read-back.ts';

const item = (over: Partial<RectificationItem>): RectificationItem => ({
  id: 1,
  evaluationId: 1,
  source: 'manual',
  text: '整改',
  problem: '',
  ownerUnit: '',
  ownerPerson: '',
  deadline: '2024-06-30',
  state: 'pending',
  measures: '',
  result: '',
  ...over,
});

test('the published summary: unit, year, score, grade, problems, items with status, budget consequence', async () => {
  const result = seed('001_a409125ab5d60bf9-wenhuagong.json');
  const ev = result.evaluation;
  const consequence = budgetConsequence(
    DEFAULT_CONSEQUENCE_RULE,
    '中',
    parseDecimal('1000000') ?? { n: 0n, d: 1n },
  );
  const bytes = await renderPublication({
    result,
    today: '2024-07-15',
    consequence,
    items: [
      item({
        text: '科学设定绩效目标',
        problem: ev.problems[0]?.text ?? '',
        ownerUnit: '南昌市工人文化宫',
        ownerPerson: '张三',
      }),
      item({
        id: 2,
        text: '加强预算执行',
        deadline: '2024-12-31',
        state: 'in-progress',
        measures: '已制定方案',
      }),
      item({ id: 3, text: '完善制度', state: 'done', result: '已印发制度' }),
    ],
  });
  const buffer = Buffer.from(bytes);
  const text = (await mammoth.extractRawText({ buffer })).value;
  const html = (await mammoth.convertToHtml({ buffer })).value;
  assert.match(text, new RegExp(ev.unit.name));
  assert.ok(text.includes('2023年度部门整体支出绩效评价结果公开'));
  assert.ok(text.includes(`综合得分${score(result.total)}分`), score(result.total));
  assert.match(text, new RegExp(`评价等级为“${result.grade}”`));
  for (const h of ['一、基本情况', '二、评价结果', '三、存在的问题', '四、整改情况', '五、结果应用'])
    assert.ok(text.includes(h), h);
  assert.ok(text.includes((ev.problems[0]?.text ?? '???').slice(0, 10)));
  assert.ok(text.includes('截至2024年7月15日，共确定整改事项3项，其中逾期1项，整改中1项，已整改1项。'));
  for (const s of ['科学设定绩效目标', '南昌市工人文化宫/张三', '2024年6月30日', '已制定方案', '已印发制度'])
    assert.ok(text.includes(s), s);
  assert.match(html, /<td><p>逾期<\/p><\/td>/);
  assert.ok(text.includes('按规则“中：下一年度预算调减 10% 至 30%”'));
  assert.ok(text.includes('下一年度预算为 700,000.00 元至 900,000.00 元'));
});

test('without items or a rule that names the grade, it says so', async () => {
  const result = seed('001_a409125ab5d60bf9-wenhuagong.json');
  const bytes = await renderPublication({
    result,
    today: '2024-01-02',
    items: [],
    consequence: { ok: false, code: 'grade-not-in-rule', grade: '较好' },
  });
  const text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
  assert.ok(text.includes('尚未确定整改事项。'));
  assert.ok(text.includes('预算挂钩规则未规定“较好”等级的调整'));
  assert.equal(chineseDate('2024-01-02'), '2024年1月2日');
});
