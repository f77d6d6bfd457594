/** Memory sampling for the benchmark: peaks of RSS and heap used over a phase. */

export interface MemoryPeak {
  /** Peak resident set size, bytes. */
  rss: number;
  /** Peak V8 heap used, bytes. */
  heapUsed: number;
  samples: number;
}

/** Collects process.memoryUsage() samples and keeps the peaks. */
export class MemorySampler {
  private rss = 0;
  private heapUsed = 0;
  private samples = 0;

  sample(): void {
    const m = process.memoryUsage();
    this.rss = Math.max(this.rss, m.rss);
    this.heapUsed = Math.max(this.heapUsed, m.heapUsed);
    this.samples++;
  }

  peak(): MemoryPeak {
    return { rss: this.rss, heapUsed: this.heapUsed, samples: this.samples };
  }
}

/** A full collection between phases (needs node --expose-gc; a no-op without it). */
export function collectGarbage(): void {
  globalThis.gc?.();
}
