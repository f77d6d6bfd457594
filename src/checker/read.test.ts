import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readReport } from './read.ts';

describe('reading a report by what it is', () => {
  it('text is read as text; .doc, PDF and a broken .docx are refused with what to do', () => {
    const doc = readReport(new TextEncoder().encode('绩效评价报告\n'), 'a.txt');
    assert.equal(doc.format, 'txt');
    assert.throws(
      () => readReport(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0]), '旧.doc'),
      /另存为 \.docx/,
    );
    assert.throws(() => readReport(new TextEncoder().encode('%PDF-1.7\n'), 'r.pdf'), /是 PDF/);
    assert.throws(() => readReport(new TextEncoder().encode('hello'), 'r.docx'), /不是有效的 Word 文档/);
  });
});
