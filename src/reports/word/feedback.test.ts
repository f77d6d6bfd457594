/** The 意见反馈表 and 采纳情况表 read back from Word: Chinese headers, one row per comment. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import mammoth from 'mammoth';
import {
  ADOPTION_HEADER,
  FEEDBACK_HEADER,
  type FeedbackInput,
  renderAdoptionTable,
  renderFeedbackTable,
  targetLabel,
} from './feedback.ts';

async function rows(bytes: Uint8Array): Promise<string[][]> {
  const html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  const table = /<table>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  return [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
    [...(r[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
      (c[1] ?? '').replace(/<[^>]+>/g, '').trim(),
    ),
  );
}

const input: FeedbackInput = {
  evaluation: '南昌市工人文化宫2024年度部门整体支出绩效评价',
  evaluator: '江西某会计师事务所',
  recipient: '南昌市工人文化宫',
  version: 3,
  sentOn: '2025-03-01',
  deadline: '2025-03-15',
  comments: [
    {
      target: { kind: 'indicator', code: 'A11', name: '目标设定' },
      commenter: '南昌市工人文化宫',
      text: '完成值应为 12 次',
      date: '2025-03-05',
      reply: { decision: 'adopted', reason: '已更正' },
    },
    {
      target: { kind: 'section', section: '四、存在的问题' },
      commenter: '南昌市总工会',
      text: '问题表述过重',
      date: '2025-03-06',
      reply: { decision: 'rejected', reason: '有工作底稿为证' },
    },
    { target: { kind: 'whole' }, commenter: '南昌市工人文化宫', text: '无其他意见', date: '2025-03-07' },
  ],
};

describe('feedback tables (意见反馈表, 采纳情况表)', () => {
  it('names what a comment is about', () => {
    assert.equal(targetLabel({ kind: 'indicator', code: 'B23' }), '指标 B23');
    assert.equal(targetLabel({ kind: 'section', section: '一、基本情况' }), '章节：一、基本情况');
    assert.equal(targetLabel({ kind: 'whole' }), '整体');
  });

  it('意见反馈表: the header and one row per comment', async () => {
    const r = await rows(await renderFeedbackTable(input));
    assert.deepEqual(r[0], [...FEEDBACK_HEADER]);
    assert.deepEqual(r.slice(1), [
      ['1', '指标 A11 目标设定', '南昌市工人文化宫', '完成值应为 12 次', '2025-03-05'],
      ['2', '章节：四、存在的问题', '南昌市总工会', '问题表述过重', '2025-03-06'],
      ['3', '整体', '南昌市工人文化宫', '无其他意见', '2025-03-07'],
    ]);
  });

  it('采纳情况表: 采纳, 不采纳 with its reason, 待回复; and the count', async () => {
    const bytes = await renderAdoptionTable(input);
    const r = await rows(bytes);
    assert.deepEqual(r[0], [...ADOPTION_HEADER]);
    assert.deepEqual(
      r.slice(1).map((x) => x.slice(3)),
      [
        ['采纳', '已更正'],
        ['不采纳', '不采纳，因为有工作底稿为证'],
        ['待回复', ''],
      ],
    );
    const text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    assert.match(text, /共 3 条意见：采纳 1 条，不采纳 1 条，待回复 1 条。/);
    assert.match(text, /第 3 版/);
  });

  it('a draft without comments still makes a table that says so', async () => {
    const r = await rows(await renderFeedbackTable({ ...input, comments: [] }));
    assert.deepEqual(r[1], ['（无反馈意见）']);
  });
});
