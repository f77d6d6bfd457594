/**
 * Word → PDF through LibreOffice: the Chinese text and the totals survive (pdftotext), the table of
 * contents gets page numbers, the page count is sane (pdfinfo). Conversions run one after another.
 * Without LibreOffice these tests are skipped locally and fail in CI (CI installs it).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { HeadingLevel, Document, Packer, PageBreak, Paragraph, TableOfContents, TextRun } from 'docx';
import { auditEvaluation } from '../../src/core/audit/index.ts';
import { toFixed } from '../../src/core/decimal/index.ts';
import { scoreEvaluation } from '../../src/core/engine.ts';
import type { ScoreResult } from '../../src/core/result.ts';
import {
  LIBREOFFICE_MISSING_MESSAGE,
  NO_UNO_WARNING,
  TOC_REFRESH_FAILED,
  convertDocxToPdf,
  docxToPdf,
  libreOfficeAvailable,
} from '../../src/reports/pdf.ts';
import { ReportError, type ReportInput, type ReportType } from '../../src/reports/types.ts';
import { DEPARTMENT_OUTLINE } from '../../src/reports/word/department.ts';
import { renderWord } from '../../src/reports/word/index.ts';
import { headingNumber } from '../../src/reports/word/numbering.ts';
import { PROJECT_OUTLINE } from '../../src/reports/word/project.ts';
import { loadEvaluation } from '../support.ts';

const skip = !libreOfficeAvailable() && process.env['CI'] === undefined ? 'LibreOffice not installed' : false;
const dir = mkdtempSync(join(tmpdir(), 'jixiao-pdf-test-'));
after(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface PdfText {
  text: string;
  pages: number;
}

let count = 0;
function readPdf(pdf: Uint8Array): PdfText {
  const path = join(dir, `${String(++count)}.pdf`);
  writeFileSync(path, pdf);
  const text = execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  return { text, pages };
}

/** pdftotext breaks lines and spaces CJK from digits ("33.46 万元"): compare without whitespace. */
const squash = (s: string): string => s.replace(/\s+/g, '');

async function withEnv<T>(name: string, value: string, fn: () => Promise<T>): Promise<T> {
  const old = process.env[name];
  process.env[name] = value;
  try {
    return await fn();
  } finally {
    if (old === undefined) Reflect.deleteProperty(process.env, name);
    else process.env[name] = old;
  }
}

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]): Paragraph =>
  new Paragraph({ heading: level, children: [new TextRun({ text, font: { eastAsia: '黑体' } })] });
const body = (text: string): Paragraph =>
  new Paragraph({ children: [new TextRun({ text, font: { eastAsia: '仿宋_GB2312' }, size: 32 })] });
const pageBreak = (): Paragraph => new Paragraph({ children: [new PageBreak()] });

/** Chinese headings over 4 pages, a TOC on page 1 (its page numbers need the refresh), 总分：91.60. */
async function smallDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          body('目录'),
          new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-2' }),
          pageBreak(),
          heading('一、基本情况', HeadingLevel.HEADING_1),
          heading('（一）项目概况', HeadingLevel.HEADING_2),
          body('全年预算数33.46万元，全年执行数31.98万元，预算执行率95.58%。'),
          pageBreak(),
          heading('二、综合评价情况及评价结论', HeadingLevel.HEADING_1),
          body('总分：91.60'),
          pageBreak(),
          heading('三、有关建议', HeadingLevel.HEADING_1),
          body('加强预算执行管理，提高资金使用效益。'),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A TOC line: the heading, a dot leader or spaces, then its page number. */
function tocPage(text: string, title: string): number | undefined {
  const escaped = title.replace(/[()（）]/g, '\\$&');
  const m = new RegExp(`${escaped}[.\\s…·]*?(\\d+)\\s*$`, 'm').exec(text);
  return m === null ? undefined : Number(m[1]);
}

describe('pdf: docxToPdf', { skip }, () => {
  it('keeps the Chinese text and 91.60, fills the TOC page numbers', async () => {
    const { pdf, warnings } = await convertDocxToPdf(await smallDocx());
    assert.deepEqual(warnings, []);
    const { text, pages } = readPdf(pdf);
    assert.equal(pages, 4);
    const flat = squash(text);
    for (const s of [
      '一、基本情况',
      '（一）项目概况',
      '二、综合评价情况及评价结论',
      '三、有关建议',
      '总分：91.60',
    ])
      assert.ok(flat.includes(s), `PDF text has ${s}`);
    assert.ok(flat.includes('全年预算数33.46万元'));
    assert.equal(tocPage(text, '一、基本情况'), 2);
    assert.equal(tocPage(text, '（一）项目概况'), 2);
    assert.equal(tocPage(text, '二、综合评价情况及评价结论'), 3);
    assert.equal(tocPage(text, '三、有关建议'), 4);
  });

  it('without python3-uno: plain conversion with a warning', async () => {
    const warned: string[] = [];
    const docx = await smallDocx();
    const out = await withEnv('JIXIAO_PYTHON', join(dir, 'no-python'), () =>
      docxToPdf(docx, { onWarning: (m) => warned.push(m) }),
    );
    assert.ok(warned.includes(NO_UNO_WARNING));
    assert.ok(squash(readPdf(out).text).includes('总分：91.60'));
  });

  it('when the UNO script fails: plain conversion with a warning', async () => {
    const fake = join(dir, 'fake-python');
    // Passes the `-c 'import uno'` probe, fails the conversion.
    writeFileSync(fake, '#!/bin/sh\n[ "$1" = -c ] && exit 0\necho "uno bridge broken" >&2\nexit 7\n', {
      mode: 0o755,
    });
    const { pdf, warnings } = await withEnv('JIXIAO_PYTHON', fake, async () =>
      convertDocxToPdf(await smallDocx()),
    );
    assert.equal(warnings.length, 1);
    assert.ok(warnings[0]?.startsWith(TOC_REFRESH_FAILED));
    assert.ok(warnings[0]?.includes('uno bridge broken'));
    assert.ok(squash(readPdf(pdf).text).includes('总分：91.60'));
  });
});

describe('pdf: without LibreOffice', () => {
  it('throws the libreoffice-missing ReportError with install advice', async () => {
    await withEnv('JIXIAO_SOFFICE', join(dir, 'missing', 'soffice'), async () => {
      assert.equal(libreOfficeAvailable(), false);
      await assert.rejects(docxToPdf(new Uint8Array(0)), (err: unknown) => {
        assert.ok(err instanceof ReportError);
        assert.equal(err.code, 'libreoffice-missing');
        assert.equal(err.message, LIBREOFFICE_MISSING_MESSAGE);
        assert.match(
          err.message,
          /未找到 LibreOffice.*apt-get install libreoffice-writer-nogui.*--format docx/,
        );
        return true;
      });
    });
  });
});

function seedInput(file: string): ReportInput {
  const result: ScoreResult = scoreEvaluation(loadEvaluation(`examples/seeds/${file}`));
  return { result, findings: auditEvaluation(result) };
}

const REPORTS: { type: ReportType; seed: string; maxPages: number; firstHeading?: string }[] = [
  {
    type: 'project',
    seed: '004_9b93941ec0b19236.json',
    maxPages: 40,
    firstHeading: headingNumber(1, 1) + PROJECT_OUTLINE[0],
  },
  {
    type: 'department',
    seed: '002_bcba853156c95a30.json',
    maxPages: 40,
    firstHeading: headingNumber(1, 1) + DEPARTMENT_OUTLINE[0],
  },
  { type: 'self-table', seed: '003_e5ac9451f3a1d231.json', maxPages: 15 },
  { type: 'indicators', seed: '002_bcba853156c95a30.json', maxPages: 20 },
];

describe('pdf: one report per type', { skip }, () => {
  for (const { type, seed, maxPages, firstHeading } of REPORTS) {
    it(`${type} (${seed.slice(0, 3)})`, async () => {
      const input = seedInput(seed);
      const { pdf, warnings } = await convertDocxToPdf(await renderWord(input, type, { charts: true }));
      assert.deepEqual(warnings, []);
      const { text, pages } = readPdf(pdf);
      assert.ok(pages >= 1 && pages <= maxPages, `${String(pages)} pages`);
      const flat = squash(text);
      const ev = input.result.evaluation;
      assert.ok(flat.includes(squash(ev.unit.name)), 'unit name');
      assert.ok(flat.includes(toFixed(input.result.total, 2)), `total ${toFixed(input.result.total, 2)}`);
      for (const g of input.result.roots) assert.ok(flat.includes(squash(g.node.name)), g.node.name);
      if (firstHeading !== undefined) {
        const page = tocPage(text, firstHeading);
        assert.ok(
          page !== undefined && page >= 2 && page <= pages,
          `TOC page of ${firstHeading}: ${String(page)}`,
        );
      }
    });
  }
});
