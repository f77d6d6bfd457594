/**
 * jixiao's side: generate → JSON text → parse → score, one evaluation at a time (nothing is kept,
 * so memory must stay flat as N grows). Per evaluation it times, with performance.now():
 * parsing (JSON.parse + parseEvaluation), scoring with explanations and scoring without; the two
 * scorings alternate in order so neither always runs on a warmer cache.
 */
import { scoreEvaluation } from '../src/core/engine.ts';
import { parseEvaluation } from '../src/core/normalize.ts';
import type { ScoreResult } from '../src/core/result.ts';
import { LEAVES, generate } from './generate.ts';
import { type MemoryPeak, MemorySampler, collectGarbage } from './memory.ts';

export const SAMPLE_EVERY = 1000;

export interface JixiaoRun {
  evaluations: number;
  indicators: number;
  /** Milliseconds summed over the evaluations. */
  ms: { parse: number; scoreExplained: number; scoreBare: number };
  /** Indicators per second. */
  rate: { scoreExplained: number; scoreBare: number; endToEnd: number };
  memory: MemoryPeak;
  /** Heap used after a full collection at the end: what the run left behind (flat = no leak). */
  retainedHeap: number;
  /** Σ of the totals in hundredths: keeps the work observable (and the optimizer honest). */
  checksum: string;
}

function hundredths(r: ScoreResult): bigint {
  return (r.total.n * 100n) / r.total.d;
}

/** Scores evaluations 0 … n−1 of `seed`; `onProgress` is told every SAMPLE_EVERY evaluations. */
export function runJixiao(seed: number, n: number, onProgress?: (done: number) => void): JixiaoRun {
  const memory = new MemorySampler();
  memory.sample();
  const ms = { parse: 0, scoreExplained: 0, scoreBare: 0 };
  let checksum = 0n;
  for (let i = 0; i < n; i++) {
    const text = JSON.stringify(generate(seed, i).input);
    const t0 = performance.now();
    const ev = parseEvaluation(JSON.parse(text));
    const t1 = performance.now();
    ms.parse += t1 - t0;
    const explainedFirst = i % 2 === 0;
    for (const explanations of explainedFirst ? [true, false] : [false, true]) {
      const s0 = performance.now();
      const result = scoreEvaluation(ev, { explanations });
      const s1 = performance.now();
      if (explanations) {
        ms.scoreExplained += s1 - s0;
        checksum += hundredths(result);
      } else ms.scoreBare += s1 - s0;
    }
    if ((i + 1) % SAMPLE_EVERY === 0) {
      memory.sample();
      onProgress?.(i + 1);
    }
  }
  collectGarbage();
  const retainedHeap = process.memoryUsage().heapUsed;
  const indicators = n * LEAVES;
  const perSecond = (t: number): number => (indicators / t) * 1000;
  return {
    evaluations: n,
    indicators,
    ms,
    rate: {
      scoreExplained: perSecond(ms.scoreExplained),
      scoreBare: perSecond(ms.scoreBare),
      endToEnd: perSecond(ms.parse + ms.scoreExplained),
    },
    memory: memory.peak(),
    retainedHeap,
    checksum: checksum.toString(),
  };
}
