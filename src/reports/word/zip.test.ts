import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Document, ImageRun, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { fillImages, pendingImage } from './media.ts';
import { ZipError, replaceFiles } from './zip.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

async function docxWith(pending: readonly { placeholder: Uint8Array }[]): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('正文'),
          ...pending.map(
            (p) =>
              new Paragraph({
                children: [
                  new ImageRun({
                    type: 'png',
                    data: p.placeholder,
                    transformation: { width: 10, height: 10 },
                  }),
                ],
              }),
          ),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Every file and its content, read by JSZip with CRC checking. */
async function files(zip: Uint8Array): Promise<Map<string, Uint8Array>> {
  const z = await JSZip.loadAsync(zip, { checkCRC32: true });
  const out = new Map<string, Uint8Array>();
  for (const f of Object.values(z.files)) if (!f.dir) out.set(f.name, await f.async('uint8array'));
  return out;
}

describe('word: replacing files in a packed .docx', () => {
  it('replaces the chosen files, stored, and copies every other file byte for byte', async () => {
    const before = await docxWith([]);
    const after = replaceFiles(before, (e) => (e.name === 'word/styles.xml' ? bytes('<新的/>') : undefined));
    const [a, b] = [await files(before), await files(after)];
    assert.deepEqual([...b.keys()], [...a.keys()], 'same files, same order');
    for (const [name, data] of a)
      if (name === 'word/styles.xml') assert.deepEqual(b.get(name), bytes('<新的/>'));
      else assert.deepEqual(b.get(name), data, name);
  });

  it('the result passes unzip -t when unzip is installed', (t) => {
    let unzip = true;
    try {
      execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    } catch {
      unzip = false;
    }
    if (!unzip) {
      t.skip('unzip not installed');
      return;
    }
    return docxWith([]).then((before) => {
      const dir = mkdtempSync(join(tmpdir(), 'jixiao-zip-'));
      try {
        const file = join(dir, 'a.docx');
        writeFileSync(
          file,
          replaceFiles(before, (e) => (e.name.endsWith('.rels') ? bytes('x'.repeat(5000)) : undefined)),
        );
        assert.match(execFileSync('unzip', ['-t', file], { encoding: 'utf8' }), /No errors detected/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('refuses what is not a zip, naming the problem', () => {
    assert.throws(() => replaceFiles(bytes('not a zip at all, just some text'), () => undefined), ZipError);
    assert.throws(() => replaceFiles(new Uint8Array(10), () => undefined), /找不到中央目录结束记录/);
  });

  it('puts each pending image in place of its own placeholder', async () => {
    const pngs = [bytes('PNG one'), bytes('PNG two, longer'), bytes('PNG three')];
    const pending = pngs.map((png) => pendingImage(Promise.resolve(png)));
    const filled = await fillImages(await docxWith(pending), pending);
    const media = [...(await files(filled))].filter(([name]) => name.startsWith('word/media/'));
    assert.equal(media.length, 3);
    const document = new TextDecoder().decode((await files(filled)).get('word/document.xml'));
    const rels = new TextDecoder().decode((await files(filled)).get('word/_rels/document.xml.rels'));
    // In document order: the n-th image's relationship points at the n-th PNG.
    const targets = [...document.matchAll(/r:embed="([^"]+)"/g)].map((m) => {
      const target = new RegExp(`Id="${m[1] ?? ''}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      return media.find(([name]) => name === `word/${target ?? ''}`)?.[1];
    });
    assert.deepEqual(targets, pngs);
  });

  it('fails, rather than ship a placeholder, when an image is not in the document', async () => {
    const pending = [pendingImage(Promise.resolve(bytes('PNG')))];
    await assert.rejects(fillImages(await docxWith([]), pending), /1 张图片的占位文件不在文档中/);
  });

  it('fails when drawing an image failed', async () => {
    const failed = Promise.reject(new Error('图表绘制失败：测试'));
    const pending = [pendingImage(failed)];
    await assert.rejects(fillImages(await docxWith(pending), pending), /图表绘制失败：测试/);
  });
});
