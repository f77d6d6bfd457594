import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import mammoth from 'mammoth';
import { CHECKPOINT, FORM, SHEET } from '../../core/monitoring/test-support.ts';
import { renderMonitoringWord } from './monitoring.ts';
import { unzipEntry } from './read-back.ts';

const strip = (s: string): string => s.replace(/<[^>]+>/g, '').trim();

describe('monitoring: the 绩效监控情况表 in Word', () => {
  it('reads back with the title, funds, headers, √ marks and deviations', async () => {
    const bytes = await renderMonitoringWord(SHEET, CHECKPOINT, {
      fiscalYear: 2025,
      unitName: '南昌市总工会',
    });
    const buffer = Buffer.from(bytes);
    const html = (await mammoth.convertToHtml({ buffer })).value;
    const text = (await mammoth.extractRawText({ buffer })).value;
    assert.match(text, /2025年度项目支出绩效监控情况表（1–7月）/);
    assert.match(text, /表1 绩效监控情况/);
    const rows = [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...(r[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => strip(c[1] ?? '')),
    );
    assert.deepEqual(
      rows.find((r) => r[0] === '年度资金总额'),
      [
        '年度资金总额',
        '120.00',
        '48.00',
        '40.00%',
        '58.33%',
        '执行率 40.00% 低于序时进度 58.33% 达 18.33 个百分点（容差 10 个百分点）',
      ],
    );
    assert.deepEqual(
      rows.find((r) => r[0] === '其中：财政拨款'),
      ['其中：财政拨款', '100.00', '40.00', '40.00%'],
    );
    const head = rows.find((r) => r[0] === '一级指标')!;
    assert.deepEqual(head, FORM.heads);
    assert.deepEqual(rows[rows.indexOf(head) + 1], FORM.under);
    assert.deepEqual(
      rows.find((r) => r[2] === '培训人次'),
      FORM.training,
    );
    assert.match(unzipEntry(buffer, 'word/document.xml'), /w:orient="landscape"/);
  });
});
