import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import JSZip from 'jszip';
import { auditEvaluation } from '../core/audit/index.ts';
import { scoreEvaluation } from '../core/engine.ts';
import { parseEvaluation } from '../core/normalize.ts';
import { type BatchResult, renderEach, renderReports } from './batch.ts';
import { findCjkFonts } from './fonts.ts';
import type { ReportInput } from './types.ts';

async function all<T>(gen: AsyncGenerator<BatchResult<T>>): Promise<BatchResult<T>[]> {
  const out: BatchResult<T>[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('reports: batches', () => {
  it('yields in input order with at most inFlight running, whatever order they finish in', async () => {
    let running = 0;
    let most = 0;
    const render = async (n: number): Promise<Uint8Array> => {
      running++;
      most = Math.max(most, running);
      await sleep((7 - n) * 3); // later items finish first
      running--;
      return Uint8Array.of(n);
    };
    const out = await all(renderEach([0, 1, 2, 3, 4, 5, 6], render, 3));
    assert.deepEqual(
      out.map((r) => ('bytes' in r ? r.bytes[0] : -1)),
      [0, 1, 2, 3, 4, 5, 6],
    );
    assert.equal(most, 3);
  });

  it('a report that fails is reported with its error and the batch goes on', async () => {
    const out = await all(
      renderEach(['a', 'bad', 'c'], (s) =>
        s === 'bad' ? Promise.reject(new Error('坏的评价')) : Promise.resolve(new TextEncoder().encode(s)),
      ),
    );
    assert.equal(out.length, 3);
    assert.ok('bytes' in out[0]! && 'bytes' in out[2]!);
    assert.ok('error' in out[1]! && out[1].error.message === '坏的评价');
  });

  it('takes items as it goes (a lazy source is not read ahead of inFlight)', async () => {
    let pulled = 0;
    const source = function* (): Generator<number> {
      for (let i = 0; i < 100; i++) {
        pulled++;
        yield i;
      }
    };
    const gen = renderEach(source(), (n) => Promise.resolve(Uint8Array.of(n)), 2);
    await gen.next();
    assert.ok(pulled <= 3, `pulled ${String(pulled)}`);
    await gen.return(undefined);
  });

  it('refuses an inFlight that is not a positive whole number', async () => {
    await assert.rejects(all(renderEach([1], () => Promise.resolve(new Uint8Array(0)), 0)), RangeError);
  });

  it('renders real reports, charts and all, two in flight', async () => {
    const file = new URL('../../examples/seeds/002_bcba853156c95a30.json', import.meta.url);
    const result = scoreEvaluation(parseEvaluation(JSON.parse(readFileSync(file, 'utf8')) as unknown));
    const input: ReportInput = { result, findings: auditEvaluation(result) };
    const out = await all(renderReports([input, input, input], { type: 'department', format: 'docx' }, 2));
    assert.equal(out.length, 3);
    const charts = findCjkFonts() === undefined ? 0 : 2;
    for (const r of out) {
      assert.ok('bytes' in r, 'error' in r ? r.error.message : '');
      const zip = await JSZip.loadAsync(r.bytes, { checkCRC32: true });
      const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
      assert.equal(media.length, charts);
      for (const name of media) {
        const png = await zip.files[name]?.async('uint8array');
        assert.deepEqual(
          [...(png ?? new Uint8Array(0)).subarray(1, 4)],
          [0x50, 0x4e, 0x47],
          `${name} is a PNG`,
        );
      }
    }
  });
});
