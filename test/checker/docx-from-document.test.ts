import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  type Cell,
  type Paragraph,
  type ReportDocument,
  type Table,
  tableGrid,
} from '../../src/checker/document.ts';
import { readDocx } from '../../src/checker/read-docx.ts';
import { readTxt } from '../../src/checker/read-txt.ts';
import { docxFromDocument, mergeBlanksDown } from './docx-from-document.ts';

const REPORTS = new URL('../fixtures/reports/', import.meta.url);
const PAGE_EVERY = 40;

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
const paragraphs = (doc: ReportDocument): Paragraph[] =>
  doc.blocks.filter((b): b is Paragraph => b.kind === 'paragraph');
const tables = (doc: ReportDocument): Table[] => doc.blocks.filter((b): b is Table => b.kind === 'table');
const grid = (table: Table): string[][] => tableGrid(table).map((row) => row.map(collapse));
/** Rows as [text, colSpan, rowSpan]: the merges themselves, not only the grid they make. */
const shape = (table: Table): [string, number, number][][] =>
  table.rows.map((row) => row.map((c) => [collapse(c.text), c.colSpan, c.rowSpan]));

async function roundTrip(doc: ReportDocument): Promise<ReportDocument> {
  return readDocx(await docxFromDocument(doc, { pageEvery: PAGE_EVERY }), `${doc.name}.docx`);
}

describe('docxFromDocument: the seed report texts as .docx, read back', () => {
  const files = readdirSync(REPORTS)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const texts = files.map((file) => readTxt(readFileSync(new URL(file, REPORTS)), file));
  const docxs = texts.map(roundTrip);

  it('has the five seed texts, with tables that come back with real merges', async () => {
    assert.equal(files.length, 5);
    const back = (await Promise.all(docxs)).flatMap(tables);
    assert.ok(texts.flatMap(tables).length > 0, 'readTxt gives tables');
    assert.ok(back.some((t) => t.rows.flat().some((c) => c.rowSpan > 1)));
    assert.ok(back.some((t) => t.rows.flat().some((c) => c.colSpan > 1)));
  });

  files.forEach((file, n) => {
    const txt = texts[n] as ReportDocument;
    const docx = docxs[n] as Promise<ReportDocument>;

    it(`${file}: the same paragraphs, Chinese headings as Word headings, a page every ${String(PAGE_EVERY)} paragraphs`, async () => {
      const back = await docx;
      assert.deepEqual(back.notes, []);
      const paras = paragraphs(back);
      assert.deepEqual(
        paras.map((p) => collapse(p.text)),
        paragraphs(txt).map((p) => collapse(p.text)),
      );
      const headings = paras.filter((p) => /^[一二三四五六七八九十]+、/.test(p.text));
      assert.ok(headings.length > 0);
      for (const h of headings) assert.match(h.style ?? '', /^heading 1$/i, h.text);
      // every seed text is longer than a page: the breaks arrive, each paragraph on its page
      assert.ok(paras.length > PAGE_EVERY);
      assert.deepEqual(
        paras.map((p) => p.at.page),
        paras.map((_p, i) => 1 + Math.floor(i / PAGE_EVERY)),
      );
    });

    it(`${file}: the tables, with the blank label cells merged down`, async () => {
      const want = tables(txt);
      const got = tables(await docx);
      assert.equal(got.length, want.length);
      want.forEach((table, k) => {
        const merged = mergeBlanksDown(table);
        assert.deepEqual(grid(got[k] as Table), grid(merged), `table ${String(k + 1)}`);
        assert.deepEqual(shape(got[k] as Table), shape(merged), `table ${String(k + 1)}`);
      });
    });
  });
});

describe('docxFromDocument: a three-level indicator table', () => {
  const cell = (text: string, colSpan = 1): Cell => ({ text, colSpan, rowSpan: 1 });
  const row = (...texts: string[]): Cell[] => texts.map((text) => cell(text));
  const source: Table = {
    kind: 'table',
    at: { line: 2 },
    rows: [
      row('一级指标', '二级指标', '三级指标', '权重', '得分'),
      row('投入指标', '项目绩效目标', '年初项目绩效目标编报', '4', '4'),
      row('', '', '年中追加项目\n绩效目标编报', '3', '3'),
      row('', '部门预算配置', '财政供养人员控制率', '3', ''),
      row('产出指标', '预算执行', '基本支出预算完成率', '8', '8'),
      [cell('总分', 3), cell('100'), cell('92.5')],
    ],
  };
  const doc: ReportDocument = {
    name: 'indicators',
    format: 'txt',
    notes: [],
    blocks: [
      { kind: 'paragraph', text: '表1 绩效评价得分一览表', at: { line: 1 } },
      source,
      { kind: 'paragraph', text: '二、评价结论', at: { line: 9 } },
    ],
  };

  it('comes back as a Word table with real vertical and horizontal merges', async () => {
    const back = await roundTrip(doc);
    assert.deepEqual(
      back.blocks.map((b) => b.kind),
      ['paragraph', 'table', 'paragraph'],
    );
    const [table] = tables(back);
    assert.ok(table !== undefined);
    assert.deepEqual(shape(table), [
      [
        ['一级指标', 1, 1],
        ['二级指标', 1, 1],
        ['三级指标', 1, 1],
        ['权重', 1, 1],
        ['得分', 1, 1],
      ],
      [
        ['投入指标', 1, 3],
        ['项目绩效目标', 1, 2],
        ['年初项目绩效目标编报', 1, 1],
        ['4', 1, 1],
        ['4', 1, 1],
      ],
      [
        ['年中追加项目 绩效目标编报', 1, 1],
        ['3', 1, 1],
        ['3', 1, 1],
      ],
      [
        ['部门预算配置', 1, 1],
        ['财政供养人员控制率', 1, 1],
        ['3', 1, 1],
        ['', 1, 1],
      ],
      [
        ['产出指标', 1, 1],
        ['预算执行', 1, 1],
        ['基本支出预算完成率', 1, 1],
        ['8', 1, 1],
        ['8', 1, 1],
      ],
      [
        ['总分', 3, 1],
        ['100', 1, 1],
        ['92.5', 1, 1],
      ],
    ]);
    // the text's grid, its blank label cells filled down (the empty 得分 stays empty)
    assert.deepEqual(grid(table), [
      ['一级指标', '二级指标', '三级指标', '权重', '得分'],
      ['投入指标', '项目绩效目标', '年初项目绩效目标编报', '4', '4'],
      ['投入指标', '项目绩效目标', '年中追加项目 绩效目标编报', '3', '3'],
      ['投入指标', '部门预算配置', '财政供养人员控制率', '3', ''],
      ['产出指标', '预算执行', '基本支出预算完成率', '8', '8'],
      ['总分', '总分', '总分', '100', '92.5'],
    ]);
    assert.deepEqual(grid(table), grid(mergeBlanksDown(source)));
    assert.equal(paragraphs(back)[1]?.style?.toLowerCase(), 'heading 1');
  });

  it('leaves the table it is given unchanged', () => {
    const before = structuredClone(source);
    mergeBlanksDown(source);
    assert.deepEqual(source, before);
  });
});
