import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ReadError, describePosition, tableGrid } from './document.ts';
import { readTxt } from './read-txt.ts';

const SEEDS = new URL('../../test/fixtures/reports/', import.meta.url);
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('reading a .txt report', () => {
  it('the five seed texts: paragraphs at their line numbers; tables from tab-per-cell lines', () => {
    const tables: Record<string, number> = {};
    for (const file of readdirSync(SEEDS).filter((f) => f.endsWith('.txt'))) {
      const bytes = readFileSync(new URL(file, SEEDS));
      const doc = readTxt(bytes, file);
      const lines = new TextDecoder().decode(bytes).split('\n');
      tables[file.slice(0, 3)] = doc.blocks.filter((b) => b.kind === 'table').length;
      for (const b of doc.blocks) {
        if (b.kind === 'paragraph')
          assert.equal(
            (lines[b.at.line - 1] ?? '').replace(/[\s\u3000]+/g, ' ').trim(),
            b.text,
            `${file}:${String(b.at.line)}`,
          );
        else
          assert.ok(
            (lines[b.at.line - 1] ?? '').startsWith('\t'),
            `${file}:${String(b.at.line)} a table starts at a tab line`,
          );
      }
      assert.deepEqual(doc.notes, []);
    }
    assert.deepEqual(tables, { '000': 1, '001': 0, '002': 7, '003': 1, '004': 0 });
  });

  it('a three-level table exported one cell per line: merged cells empty, a cell over two lines, a short total row', () => {
    const text = [
      '表1',
      '\t一级指标',
      '\t二级指标',
      '\t权重',
      '\t得分',
      '',
      '\t投入指标',
      '\t预算执行',
      '',
      '',
      '\t基本支出',
      '',
      '预算完成率',
      '',
      '',
      '\t8',
      '',
      '\t',
      '\t支付进度率',
      '\t6',
      '\t5',
      '',
      '\t总分',
      '\t14',
      '\t13',
      '',
      '正文继续，这一行足够长，不会被当作表格单元格的续行，因为它超过了六十个字符的长度限制而且后面没有表格行了。',
    ].join('\n');
    const doc = readTxt(utf8(text), 't.txt');
    assert.deepEqual(
      doc.blocks.map((b) => b.kind),
      ['paragraph', 'table', 'paragraph'],
    );
    const t = doc.blocks[1];
    assert.ok(t?.kind === 'table');
    assert.deepEqual(tableGrid(t), [
      ['一级指标', '二级指标', '权重', '得分'],
      ['投入指标', '预算执行', '基本支出预算完成率', '8'],
      ['', '支付进度率', '6', '5'],
      ['总分', '总分', '14', '13'],
    ]);
    const tabbed = readTxt(utf8('指标\t分值\t得分\n资金到位率\t5\t5\n'), 'w.txt');
    assert.ok(tabbed.blocks[0]?.kind === 'table' && tabbed.blocks[0].rows.length === 2);
  });

  it('UTF-8 with a BOM, UTF-16 with a BOM and GB18030 read the same', () => {
    const text = '南昌市工人文化宫2023年度部门整体支出绩效评价报告\n预算执行率为100%。\n';
    const expected = readTxt(utf8(text), 'a.txt').blocks;
    assert.deepEqual(readTxt(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8(text)]), 'b.txt').blocks, expected);
    const le = new Uint8Array(2 + text.length * 2);
    le[0] = 0xff;
    le[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      le[2 + i * 2] = text.charCodeAt(i) & 0xff;
      le[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    assert.deepEqual(readTxt(le, 'c.txt').blocks, expected);
    // "预算执行率" in GBK (GB18030 is a superset), bytes as Windows writes them
    const gbk = Uint8Array.from([0xd4, 0xa4, 0xcb, 0xe3, 0xd6, 0xb4, 0xd0, 0xd0, 0xc2, 0xca]);
    const doc = readTxt(gbk, 'gbk.txt');
    assert.equal(doc.blocks[0]?.kind === 'paragraph' ? doc.blocks[0].text : '', '预算执行率');
    assert.match(doc.notes[0] ?? '', /GB18030/);
  });

  it('whitespace and full-width spaces collapse; CRLF and form feeds (pages) are kept apart', () => {
    const doc = readTxt(utf8('一、　基本情况\r\n\r\n  （一）  部门职能 \f第二页的文字\n'), 'p.txt');
    assert.deepEqual(
      doc.blocks.map((b) => (b.kind === 'paragraph' ? [b.text, b.at.line, b.at.page] : [])),
      [
        ['一、 基本情况', 1, 1],
        ['（一） 部门职能', 3, 1],
        ['第二页的文字', 3, 2],
      ],
    );
    assert.equal(describePosition({ line: 3, page: 2 }, 'txt'), '第3行');
  });

  it('a binary file is refused with a message; nothing else ever throws (fuzz)', () => {
    assert.throws(() => readTxt(Uint8Array.from([0, 1, 2, 3, 0, 0, 5, 6, 0, 7]), 'x.bin'), /不是文本文件/);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => {
        try {
          const doc = readTxt(bytes, 'fuzz.txt');
          for (const b of doc.blocks)
            assert.ok(b.at.line >= 1 && (b.kind === 'table' ? b.rows.length >= 2 : b.text.length > 0));
        } catch (e) {
          assert.ok(e instanceof ReadError, String(e));
        }
      }),
      { numRuns: 500 },
    );
  });
});
