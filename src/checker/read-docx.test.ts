import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Document,
  HeadingLevel,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
} from 'docx';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
  type Block,
  type Paragraph as Para,
  ReadError,
  type ReportDocument,
  type Table as Tbl,
  tableGrid,
} from './document.ts';
import { readDocx } from './read-docx.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

/** A .docx holding only word/document.xml (and the given parts), the body written by hand. */
function docxOf(body: string, parts: Record<string, string> = {}): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`;
  const files: Record<string, Uint8Array> = { 'word/document.xml': strToU8(xml) };
  for (const [name, text] of Object.entries(parts)) files[name] = strToU8(text);
  return zipSync(files);
}

const run = (text: string): string => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const para = (text: string, pPr = ''): string =>
  `<w:p>${pPr === '' ? '' : `<w:pPr>${pPr}</w:pPr>`}${run(text)}</w:p>`;

function paragraphs(doc: ReportDocument): Para[] {
  return doc.blocks.filter((b): b is Para => b.kind === 'paragraph');
}
function tables(doc: ReportDocument): Tbl[] {
  return doc.blocks.filter((b): b is Tbl => b.kind === 'table');
}
const texts = (doc: ReportDocument): string[] => paragraphs(doc).map((p) => p.text);
const pages = (doc: ReportDocument): (number | undefined)[] => doc.blocks.map((b) => b.at.page);

function assertReadError(f: () => unknown, message: RegExp): void {
  assert.throws(f, (e: unknown) => {
    assert.ok(e instanceof ReadError, `a ReadError, got ${String(e)}`);
    assert.match(e.message, message);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------

const cell = (
  text: string,
  options: {
    columnSpan?: number;
    verticalMerge?: (typeof VerticalMergeType)[keyof typeof VerticalMergeType];
  } = {},
): TableCell => new TableCell({ children: [new Paragraph(text)], ...options });
const restart = (text: string): TableCell => cell(text, { verticalMerge: VerticalMergeType.RESTART });
const merged = (): TableCell => cell('', { verticalMerge: VerticalMergeType.CONTINUE });

/** A small 项目支出绩效评价报告 with a three-level indicator table and two page breaks. */
async function sampleReport(): Promise<Uint8Array> {
  const row = (...cells: TableCell[]): TableRow => new TableRow({ children: cells });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: '某某项目支出绩效评价报告', heading: HeadingLevel.HEADING_1 }),
          new Paragraph({
            children: [
              new TextRun('一、基本情况：该项目年度预算 120.00 万元，'),
              new TextRun({ text: '实际支出 114.00 万元', font: '黑体' }),
              new TextRun('，执行率   95.00%。'),
            ],
          }),
          new Paragraph({ text: '二、绩效评价指标体系', heading: HeadingLevel.HEADING_2 }),
          new Table({
            rows: [
              row(cell('评价指标', { columnSpan: 3 }), cell('分值'), cell('得分')),
              row(restart('决策'), restart('项目立项'), cell('立项依据充分性'), cell('3'), cell('3')),
              row(merged(), merged(), cell('立项程序规范性'), cell('2'), cell('2')),
              row(merged(), cell('绩效目标'), cell('绩效目标合理性'), cell('3'), cell('2.5')),
              row(restart('产出'), cell('产出数量'), cell('实际完成率'), cell('10'), cell('9')),
              row(merged(), cell('产出质量'), cell('质量达标率≥95%'), cell('10'), cell('10')),
              row(cell('合计', { columnSpan: 3 }), cell('28'), cell('26.5')),
            ],
          }),
          new Paragraph({ children: [new PageBreak()] }),
          new Paragraph('三、评价结论：综合得分 26.5 分（满分 28 分），等级为“良”。'),
          new Paragraph({ text: '四、存在的问题', pageBreakBefore: true }),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

let sample: Promise<Uint8Array> | undefined;
const sampleBytes = (): Promise<Uint8Array> => (sample ??= sampleReport());

describe('readDocx: a report made by docx', () => {
  it('reads blocks in order with their texts and heading styles', async () => {
    const doc = readDocx(await sampleBytes(), '评价报告.docx');
    assert.equal(doc.name, '评价报告.docx');
    assert.equal(doc.format, 'docx');
    assert.deepEqual(doc.notes, []);
    assert.deepEqual(
      doc.blocks.map((b) => b.kind),
      ['paragraph', 'paragraph', 'paragraph', 'table', 'paragraph', 'paragraph'],
    );
    assert.deepEqual(
      doc.blocks.map((b) => b.at.line),
      [1, 2, 3, 4, 5, 6],
    );
    assert.deepEqual(texts(doc), [
      '某某项目支出绩效评价报告',
      '一、基本情况：该项目年度预算 120.00 万元，实际支出 114.00 万元，执行率 95.00%。',
      '二、绩效评价指标体系',
      '三、评价结论：综合得分 26.5 分（满分 28 分），等级为“良”。',
      '四、存在的问题',
    ]);
    assert.deepEqual(
      paragraphs(doc).map((p) => p.style),
      ['Heading 1', undefined, 'Heading 2', undefined, undefined],
    );
  });

  it('reads the indicator table: merged cells once, with their spans', async () => {
    const [table] = tables(readDocx(await sampleBytes(), 'r.docx'));
    assert.ok(table);
    const c = (
      text: string,
      colSpan = 1,
      rowSpan = 1,
    ): { text: string; colSpan: number; rowSpan: number } => ({
      text,
      colSpan,
      rowSpan,
    });
    assert.deepEqual(table.rows, [
      [c('评价指标', 3), c('分值'), c('得分')],
      [c('决策', 1, 3), c('项目立项', 1, 2), c('立项依据充分性'), c('3'), c('3')],
      [c('立项程序规范性'), c('2'), c('2')],
      [c('绩效目标'), c('绩效目标合理性'), c('3'), c('2.5')],
      [c('产出', 1, 2), c('产出数量'), c('实际完成率'), c('10'), c('9')],
      [c('产出质量'), c('质量达标率≥95%'), c('10'), c('10')],
      [c('合计', 3), c('28'), c('26.5')],
    ]);
    assert.deepEqual(tableGrid(table), [
      ['评价指标', '评价指标', '评价指标', '分值', '得分'],
      ['决策', '项目立项', '立项依据充分性', '3', '3'],
      ['决策', '项目立项', '立项程序规范性', '2', '2'],
      ['决策', '绩效目标', '绩效目标合理性', '3', '2.5'],
      ['产出', '产出数量', '实际完成率', '10', '9'],
      ['产出', '产出质量', '质量达标率≥95%', '10', '10'],
      ['合计', '合计', '合计', '28', '26.5'],
    ]);
  });

  it('numbers pages from the page break and the page-break-before', async () => {
    const doc = readDocx(await sampleBytes(), 'r.docx');
    assert.deepEqual(pages(doc), [1, 1, 1, 1, 2, 3]);
  });

  it('reads an empty document as no blocks', async () => {
    const empty = new Document({ sections: [{ children: [] }] });
    const doc = readDocx(new Uint8Array(await Packer.toBuffer(empty)), '空.docx');
    assert.deepEqual(doc.blocks, []);
    assert.deepEqual(doc.notes, []);
  });
});

describe('readDocx: text of runs', () => {
  it('decodes entities, numeric references and CDATA', () => {
    const doc = readDocx(
      docxOf(
        para('A &amp; B &lt;C&gt; &quot;D&quot; &apos;E&apos;') +
          para('得分率&#8805;90%，&#x2265;&#x1F600;') +
          `<w:p><w:r><w:t><![CDATA[a<b&c]]></w:t></w:r></w:p>`,
      ),
      'e.docx',
    );
    assert.deepEqual(texts(doc), [`A & B <C> "D" 'E'`, '得分率≥90%，≥😀', 'a<b&c']);
    assert.deepEqual(doc.notes, []);
  });

  it('reads tabs, breaks and hyphens; skips field codes, deletions, moves and tab stops', () => {
    const body =
      '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>' +
      '<w:r><w:t>指标</w:t><w:tab/><w:t>分值</w:t><w:br/><w:t>第二行</w:t><w:noBreakHyphen/><w:t>续</w:t>' +
      '<w:sym w:font="Wingdings" w:char="F0FC"/></w:r>' +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>' +
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
      run('7') +
      '<w:r><w:fldChar w:fldCharType="end"/></w:r>' +
      '<w:del w:id="1" w:author="a"><w:r><w:delText>删掉的</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="a">' +
      run('插入的') +
      '</w:ins>' +
      '<w:moveFrom w:id="3" w:author="a">' +
      run('移走的') +
      '</w:moveFrom>' +
      '<w:moveTo w:id="4" w:author="a">' +
      run('移来的') +
      '</w:moveTo>' +
      '</w:p>' +
      '<w:p><w:r><w:t>   </w:t></w:r></w:p><w:p/>' +
      '<w:p><w:r><w:t xml:space="preserve">\u3000\u3000首行  缩进\t\n  的段落  </w:t></w:r></w:p>';
    const doc = readDocx(docxOf(body), 't.docx');
    assert.deepEqual(texts(doc), ['指标 分值 第二行-续7插入的移来的', '首行 缩进 的段落']);
    assert.deepEqual(
      doc.blocks.map((b) => b.at.line),
      [1, 2],
    );
  });

  it('reads through content controls, hyperlinks, smart tags, custom XML and simple fields', () => {
    const body =
      '<w:sdt><w:sdtPr><w:alias w:val="项目名称"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr>' +
      '<w:sdtContent>' +
      para('控件里的段落') +
      '</w:sdtContent></w:sdt>' +
      '<w:p><w:hyperlink r:id="rId1" xmlns:r="r">' +
      run('链接') +
      '</w:hyperlink><w:smartTag w:element="x">' +
      run('标记') +
      '</w:smartTag><w:customXml w:element="y">' +
      run('自定义') +
      '</w:customXml><w:fldSimple w:instr=" NUMPAGES ">' +
      run('12') +
      '</w:fldSimple>' +
      '<w:sdt><w:sdtContent>' +
      run('行内控件') +
      '</w:sdtContent></w:sdt></w:p>';
    assert.deepEqual(texts(readDocx(docxOf(body), 's.docx')), ['控件里的段落', '链接标记自定义12行内控件']);
  });

  it('reads one branch of alternate content, and a text box into its paragraph', () => {
    const box = (tag: string): string =>
      `<${tag}><w:txbxContent>${para('文本框一')}${para('文本框二')}</w:txbxContent></${tag}>`;
    const body =
      `<w:p xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">${run('正文')}` +
      `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>${box('wps:txbx')}</w:drawing></mc:Choice>` +
      `<mc:Fallback><w:pict>${box('v:textbox')}</w:pict></mc:Fallback></mc:AlternateContent></w:r>` +
      `${run('之后')}</w:p>`;
    const doc = readDocx(docxOf(body), 'b.docx');
    assert.deepEqual(texts(doc), ['正文 文本框一 文本框二 之后']);
  });

  it('matches WordprocessingML by namespace, whatever the prefix', () => {
    const ns = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
    const prefixed = `<ns0:document xmlns:ns0="${ns}"><ns0:body><ns0:p><ns0:r><ns0:t>前缀 ns0</ns0:t></ns0:r></ns0:p></ns0:body></ns0:document>`;
    const unprefixed = `<document xmlns="${ns}"><body><p><r><t>默认命名空间</t></r></p><x:p xmlns:x="other"><x:r><x:t>别的</x:t></x:r></x:p></body></document>`;
    for (const [xml, expected] of [
      [prefixed, ['前缀 ns0']],
      [unprefixed, ['默认命名空间']],
    ] as const) {
      const doc = readDocx(zipSync({ 'word/document.xml': strToU8(xml) }), 'n.docx');
      assert.deepEqual(texts(doc), expected);
    }
  });

  it('names styles from word/styles.xml, falling back to the style id', () => {
    const styles =
      `<w:styles ${W}><w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/></w:style>` +
      `<w:style w:type="paragraph" w:styleId="a3"><w:name w:val="标题 3"/></w:style></w:styles>`;
    const body =
      para('一级', '<w:pStyle w:val="2"/>') +
      para('二级', '<w:pStyle w:val="a3"/>') +
      para('无', '<w:pStyle w:val="zz"/>');
    const doc = readDocx(docxOf(body, { 'word/styles.xml': styles }), 's.docx');
    assert.deepEqual(
      paragraphs(doc).map((p) => p.style),
      ['heading 2', '标题 3', 'zz'],
    );
    const without = readDocx(docxOf(body), 's.docx');
    assert.deepEqual(
      paragraphs(without).map((p) => p.style),
      ['2', 'a3', 'zz'],
    );
  });
});

describe('readDocx: tables', () => {
  const tc = (content: string, tcPr = ''): string =>
    `<w:tc>${tcPr === '' ? '' : `<w:tcPr>${tcPr}</w:tcPr>`}${content}</w:tc>`;
  const tr = (...cells: string[]): string => `<w:tr>${cells.join('')}</w:tr>`;
  const tbl = (...rows: string[]): string => `<w:tbl><w:tblGrid/>${rows.join('')}</w:tbl>`;

  it('joins a cell’s paragraphs with newlines and flattens a nested table into it', () => {
    const nested = tbl(tr(tc(para('子表A')), tc(para('子表B'))), tr(tc(para('C')), tc('<w:p/>')));
    const body = tbl(
      tr(
        tc(
          para('第一段') +
            '<w:p/>' +
            para('  第二段  ') +
            nested +
            `<w:p><w:r><w:t>换</w:t><w:br/><w:t>行</w:t></w:r></w:p>`,
        ),
      ),
    );
    const [table] = tables(readDocx(docxOf(body), 't.docx'));
    assert.deepEqual(table?.rows, [
      [{ text: '第一段\n第二段\n子表A 子表B\nC\n换\n行', colSpan: 1, rowSpan: 1 }],
    ]);
  });

  it('merges vertically by grid column, under spanned cells too', () => {
    const body = tbl(
      tr(tc(para('甲'), '<w:gridSpan w:val="2"/>'), tc(para('乙'), '<w:vMerge w:val="restart"/>')),
      tr(tc(para('丙')), tc(para('丁')), tc('<w:p/>', '<w:vMerge/>')),
      tr(tc(para('戊'), '<w:vMerge/>'), tc(para('己')), tc(para('续写'), '<w:vMerge w:val="continue"/>')),
    );
    const [table] = tables(readDocx(docxOf(body), 't.docx'));
    assert.ok(table);
    assert.deepEqual(table.rows, [
      [
        { text: '甲', colSpan: 2, rowSpan: 1 },
        { text: '乙\n续写', colSpan: 1, rowSpan: 3 },
      ],
      [
        { text: '丙', colSpan: 1, rowSpan: 1 },
        { text: '丁', colSpan: 1, rowSpan: 1 },
      ],
      // A continuation with nothing above it to continue is a cell of its own.
      [
        { text: '戊', colSpan: 1, rowSpan: 1 },
        { text: '己', colSpan: 1, rowSpan: 1 },
      ],
    ]);
    assert.deepEqual(tableGrid(table), [
      ['甲', '甲', '乙\n续写'],
      ['丙', '丁', '乙\n续写'],
      ['戊', '己', '乙\n续写'],
    ]);
  });
});

describe('readDocx: pages', () => {
  const pageBreak = '<w:r><w:br w:type="page"/></w:r>';
  const rendered = '<w:r><w:lastRenderedPageBreak/></w:r>';

  it('leaves pages out when the document has no page break', () => {
    const doc = readDocx(docxOf(para('一') + para('二')), 'p.docx');
    assert.deepEqual(pages(doc), [undefined, undefined]);
    assert.ok(doc.blocks.every((b) => !('page' in b.at)));
  });

  it('counts Word’s rendered page breaks, once after an explicit break', () => {
    const body =
      para('一') +
      `<w:p>${run('一续')}${pageBreak}</w:p>` +
      `<w:p>${rendered}${run('二')}</w:p>` +
      para('二续') +
      `<w:p>${run('二尾')}${rendered}${run('三')}</w:p>` +
      `<w:p>${rendered}${run('四')}</w:p>`;
    assert.deepEqual(pages(readDocx(docxOf(body), 'p.docx')), [1, 1, 2, 2, 2, 4]);
  });

  it('starts a page after a section break, unless the next section is continuous', () => {
    // A w:sectPr describes the section it ends; its w:type says how that section starts.
    const sect = (type?: string): string =>
      `<w:sectPr>${type === undefined ? '' : `<w:type w:val="${type}"/>`}</w:sectPr>`;
    const body =
      para('一', sect()) +
      para('二', sect('continuous')) +
      para('二续', sect()) +
      para('三') +
      sect('nextPage');
    assert.deepEqual(pages(readDocx(docxOf(body), 'p.docx')), [1, 1, 2, 3]);
  });

  it('takes page-break-before from the paragraph or its style, but not at the top of a page', () => {
    const styles =
      `<w:styles ${W}><w:style w:type="paragraph" w:styleId="Chapter"><w:name w:val="章"/><w:pPr><w:pageBreakBefore/></w:pPr></w:style>` +
      `<w:style w:type="paragraph" w:styleId="Sub"><w:name w:val="节"/><w:basedOn w:val="Chapter"/></w:style></w:styles>`;
    const body =
      para('第一章', '<w:pStyle w:val="Chapter"/>') +
      para('正文') +
      para('第二章', '<w:pStyle w:val="Sub"/>') +
      para('不换页', '<w:pStyle w:val="Chapter"/><w:pageBreakBefore w:val="0"/>') +
      para('换页', '<w:pageBreakBefore/>');
    const doc = readDocx(docxOf(body, { 'word/styles.xml': styles }), 'p.docx');
    assert.deepEqual(pages(doc), [1, 1, 2, 2, 3]);
    assert.deepEqual(
      paragraphs(doc).map((p) => p.style),
      ['章', undefined, '节', '章', undefined],
    );
  });

  it('counts a rendered break carried by every cell of a row once', () => {
    const cellWith = (text: string): string => `<w:tc><w:p>${rendered}${run(text)}</w:p></w:tc>`;
    const body =
      '<w:tbl>' +
      `<w:tr><w:tc>${para('a')}</w:tc><w:tc>${para('b')}</w:tc></w:tr>` +
      `<w:tr>${cellWith('c')}${cellWith('d')}</w:tr>` +
      '</w:tbl>' +
      para('表后');
    assert.deepEqual(pages(readDocx(docxOf(body), 'p.docx')), [1, 2]);
  });
});

describe('readDocx: bad files', () => {
  it('refuses what is not a zip', () => {
    assertReadError(
      () => readDocx(strToU8('只是一段文字'), '报告.docx'),
      /^“报告\.docx”不是有效的 Word 文档（\.docx）：无法解压$/,
    );
    assertReadError(() => readDocx(new Uint8Array(0), '空.docx'), /“空\.docx”不是有效的 Word 文档/);
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    assertReadError(() => readDocx(ole, '旧.doc'), /无法解压（像是旧版 \.doc/);
  });

  it('refuses a zip without word/document.xml', () => {
    const zip = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') });
    assertReadError(
      () => readDocx(zip, '表格.xlsx'),
      /^“表格\.xlsx”缺少 word\/document\.xml，可能不是 Word 文档$/,
    );
    assertReadError(() => readDocx(zipSync({}), '空.zip'), /缺少 word\/document\.xml/);
  });

  it('finds the main part through _rels/.rels when it has another name', () => {
    const rels =
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/>' +
      '</Relationships>';
    const xml = `<w:document ${W}><w:body>${para('正文')}</w:body></w:document>`;
    const doc = readDocx(
      zipSync({ '_rels/.rels': strToU8(rels), 'word/document2.xml': strToU8(xml) }),
      'd.docx',
    );
    assert.deepEqual(texts(doc), ['正文']);
    assert.match(doc.notes.join('\n'), /word\/document2\.xml/);
  });

  it('refuses a document.xml declared larger than 200 MB, before unzipping it', () => {
    const zip = docxOf(para('小'));
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let end = zip.length - 22;
    while (view.getUint32(end, true) !== 0x06054b50) end--;
    const central = view.getUint32(end + 16, true);
    view.setUint32(central + 24, 0xfffffff0, true); // the declared uncompressed size
    assertReadError(
      () => readDocx(zip, '炸弹.docx'),
      /^“炸弹\.docx”中的 word\/document\.xml 解压后超过 200 MB/,
    );
  });

  it('refuses a document.xml with nothing of Word in it', () => {
    assertReadError(
      () => readDocx(zipSync({ 'word/document.xml': new Uint8Array([0, 1, 2, 3, 200, 201]) }), 'x.docx'),
      /^“x\.docx”的 word\/document\.xml 已损坏/,
    );
    assertReadError(() => readDocx(zipSync({ 'word/document.xml': new Uint8Array(0) }), 'x.docx'), /已损坏/);
  });

  it('skips broken markup, says how much, and reads the rest', () => {
    const body =
      para('好的 & 坏的 &nbsp; 符号') +
      '<w:p><w:r><w:t>未闭合的属性 </w:t></w:r><w:r w:rsid="abc><w:t>之后</w:t></w:r></w:p>' +
      '</w:tc>' +
      para('a < b') +
      para('最后');
    const doc = readDocx(docxOf(body), 'x.docx');
    assert.deepEqual(texts(doc), ['好的 & 坏的 &nbsp; 符号', '未闭合的属性 之后', 'a < b', '最后']);
    assert.equal(doc.notes.length, 1);
    assert.match(doc.notes[0]!, /^word\/document\.xml 有 \d+ 处无法解析的标记，已跳过$/);
  });

  it('reads what it can of a truncated document.xml', () => {
    const xml = `<w:document ${W}><w:body>${para('第一段')}${para('第二段')}<w:p><w:r><w:t>第三`;
    const doc = readDocx(zipSync({ 'word/document.xml': strToU8(xml) }), 't.docx');
    assert.deepEqual(texts(doc), ['第一段', '第二段', '第三']);
    assert.match(doc.notes.join('\n'), /没有结束标记（文件可能被截断）/);
  });

  it('strips a BOM and notes bytes that are not UTF-8', () => {
    const xml = strToU8(`<w:document ${W}><w:body>${para('BOM')}${para('坏字节X')}</w:body></w:document>`);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...xml]);
    assert.deepEqual(texts(readDocx(zipSync({ 'word/document.xml': withBom }), 'b.docx')), [
      'BOM',
      '坏字节X',
    ]);
    const bad = xml.slice();
    bad[bad.indexOf(0x58)] = 0xff; // 'X'
    const doc = readDocx(zipSync({ 'word/document.xml': bad }), 'b.docx');
    assert.deepEqual(texts(doc), ['BOM', '坏字节\uFFFD']);
    assert.match(doc.notes.join('\n'), /无效的 UTF-8/);
  });
});

// Speed is measured by benchmarks, never asserted in tests (the machines are shared): these only check
// that large and pathological markup is read to the end without an error other than ReadError.
describe('readDocx: large and pathological input', () => {
  const utf8 = new TextEncoder();
  const read = (xml: string): ReportDocument | ReadError => {
    const zip = zipSync({ 'word/document.xml': strToU8(xml) }, { level: 1 });
    try {
      return readDocx(zip, 'big.docx');
    } catch (e) {
      assert.ok(e instanceof ReadError, String(e));
      return e;
    }
  };

  it('reads a 2 MB document.xml to the end', () => {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 2_000_000; i++) {
      const chunk =
        i % 50 === 49
          ? `<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>${para(`表${i}`)}</w:tc><w:tc>${para('&#8805;90%')}</w:tc></w:tr>` +
            `<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc>${para('B &amp; C')}</w:tc></w:tr></w:tbl>`
          : `<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="宋体" w:hAnsi="宋体"/></w:rPr><w:t xml:space="preserve">第${i}段：预算执行率 95.00%，</w:t></w:r>${run('指标完成情况良好。')}</w:p>`;
      parts.push(chunk);
      size += utf8.encode(chunk).length;
    }
    const doc = read(`<w:document ${W}><w:body>${parts.join('')}</w:body></w:document>`);
    assert.ok(!(doc instanceof ReadError));
    assert.ok(doc.blocks.length > 5000);
  });

  it('reads pathological markup without crashing', () => {
    const n = 200_000;
    const cases = [
      `<w:document ${W}><w:body><w:p a="${'x'.repeat(n)}`, // an attribute never closed
      `<w:document ${W}><w:body>${'<!-- '.repeat(n)}`, // comments never closed
      `<w:document ${W}><w:body>${'<?pi '.repeat(n)}`,
      `<w:document ${W}><w:body>${'<![CDATA[ '.repeat(n)}`,
      `<w:document ${W}><w:body><w:p><w:r><w:t>${'&amp'.repeat(n)}</w:t></w:r></w:p>`,
      `<w:document ${W}><w:body>${'<w:p><w:r><w:t>深'.repeat(n / 4)}`, // deeply nested, never closed
      `<w:document ${W}><w:body>${'<w:tbl><w:tr><w:tc>'.repeat(n / 10)}${para('x'.repeat(n))}`,
      `<w:document ${W}><w:body>${'</w:p>'.repeat(n)}${'<a b=1 c'.repeat(n / 4)}`,
      `<w:document ${W}><w:body>${'<'.repeat(n)}${'<x '.repeat(n)}`,
      // a very wide row of merges, then many narrow rows
      `<w:document ${W}><w:body><w:tbl><w:tr>${'<w:tc><w:tcPr><w:gridSpan w:val="64"/><w:vMerge w:val="restart"/></w:tcPr></w:tc>'.repeat(n / 20)}</w:tr>` +
        '<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr></w:tc></w:tr>'.repeat(n / 4),
    ];
    for (const xml of cases) read(xml);
  });
});

describe('readDocx: fuzz', () => {
  function assertWellFormed(doc: ReportDocument): void {
    doc.blocks.forEach((b: Block, i) => {
      assert.equal(b.at.line, i + 1);
      if (b.at.page !== undefined) assert.ok(Number.isInteger(b.at.page) && b.at.page >= 1);
      if (b.kind === 'paragraph') {
        assert.equal(typeof b.text, 'string');
        assert.notEqual(b.text, '');
      } else
        for (const row of b.rows)
          for (const c of row) {
            assert.equal(typeof c.text, 'string');
            assert.ok(c.colSpan >= 1 && c.rowSpan >= 1);
          }
    });
    assert.ok(doc.notes.every((n) => typeof n === 'string'));
  }

  const onlyReadErrors = (f: () => ReportDocument): ReportDocument | undefined => {
    try {
      return f();
    } catch (e) {
      if (e instanceof ReadError) return undefined;
      throw e;
    }
  };

  it('arbitrary bytes: a document or a ReadError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        const doc = onlyReadErrors(() => readDocx(bytes, 'f.docx'));
        if (doc) assertWellFormed(doc);
      }),
      { numRuns: 200 },
    );
  });

  it('a damaged zip: a document or a ReadError, nothing else', async () => {
    const zip = await sampleBytes();
    const damage = fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), {
      minLength: 1,
      maxLength: 16,
    });
    fc.assert(
      fc.property(damage, fc.nat(), (bytes, cut) => {
        const damaged = zip.slice(0, zip.length - (cut % 64));
        for (const { at, byte } of bytes) damaged[at % damaged.length] = byte;
        const doc = onlyReadErrors(() => readDocx(damaged, 'f.docx'));
        if (doc) assertWellFormed(doc);
      }),
      { numRuns: 200 },
    );
  });

  it('a damaged document.xml: a document or a ReadError, nothing else', async () => {
    const files = unzipSync(await sampleBytes());
    const original = strFromU8(files['word/document.xml']!);
    const token = fc.oneof(
      fc.constantFrom('<', '>', '&', '"', "'", '/', '</w:p>', '<w:p>', '<w:tbl>', '</w:tc>', '<w:tr>'),
      fc.constantFrom(
        '<w:vMerge/>',
        '<w:gridSpan w:val="99999"/>',
        '&#',
        '&#xD800;',
        '<!--',
        ']]>',
        '<![CDATA[',
      ),
      fc.constantFrom('<w:br w:type="page"/>', '<w:sectPr>', '<w:t>', '<mc:Choice>', 'xmlns:w="x"'),
      fc.string({ maxLength: 12 }),
    );
    const edit = fc.oneof(
      fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
      fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: token }),
      fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.nat({ max: 300 }) }),
    );
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), (edits) => {
        let xml = original;
        for (const e of edits) {
          const at = e.at % (xml.length + 1);
          if (e.op === 'truncate') xml = xml.slice(0, at);
          else if (e.op === 'insert') xml = xml.slice(0, at) + e.text + xml.slice(at);
          else xml = xml.slice(0, at) + xml.slice(at + e.length);
        }
        const zip = zipSync({ ...files, 'word/document.xml': strToU8(xml) });
        const doc = onlyReadErrors(() => readDocx(zip, 'f.docx'));
        if (doc) assertWellFormed(doc);
      }),
      { numRuns: 200 },
    );
  });
});
