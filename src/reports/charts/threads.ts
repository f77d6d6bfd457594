/**
 * Chart threads: charts are drawn on worker threads so that a report's document is laid out and
 * packed on the calling thread at the same time (see ../word/media.ts). `JIXIAO_CHART_THREADS` sets
 * how many (default 1; 0 draws on the calling thread). Threads start on the first chart, keep the
 * process alive only while they have work, and a thread that dies fails its charts, not the process.
 */
import { Worker } from 'node:worker_threads';
import type { CjkFont } from '../fonts.ts';
import { ReportError } from '../types.ts';
import { drawCharts } from './draw.ts';
import type { ChartSpec } from './spec.ts';
import type { ChartJob, ChartReply } from './worker.ts';

/** The worker's file: ./worker.ts when running from source, ./worker.js from the build. */
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);

const DEFAULT_THREADS = 1;

/**
 * The chart thread's young generation, MB. Drawing makes much short-lived garbage (echarts' scene
 * graph, SVG strings); with V8's default size for this machine the thread and its collector
 * helpers took ~10% more CPU per report than with 16 MB (batches of department reports).
 */
const YOUNG_GENERATION_MB = 16;

/** How many chart threads: `JIXIAO_CHART_THREADS`, a whole number from 0 to 16. */
export function chartThreadCount(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env['JIXIAO_CHART_THREADS']?.trim();
  if (raw === undefined || raw === '') return DEFAULT_THREADS;
  if (!/^\d{1,2}$/.test(raw) || Number(raw) > 16)
    throw new ReportError('bad-setting', `环境变量 JIXIAO_CHART_THREADS 应为 0 到 16 的整数，现为“${raw}”`);
  return Number(raw);
}

interface Waiting {
  resolve: (pngs: Uint8Array[]) => void;
  reject: (e: Error) => void;
}

let nextId = 0;

class ChartThread {
  readonly waiting = new Map<number, Waiting>();
  private readonly worker: Worker;
  private readonly gone: (t: ChartThread) => void;

  constructor(gone: (t: ChartThread) => void) {
    this.gone = gone;
    this.worker = new Worker(WORKER_URL, {
      resourceLimits: {
        maxYoungGenerationSizeMb: YOUNG_GENERATION_MB,
      },
    });
    this.worker.unref();
    this.worker.on('message', (reply: ChartReply) => {
      this.settle(reply);
    });
    this.worker.on('error', (e: unknown) => {
      this.fail(e instanceof Error ? e : new Error(String(e)));
    });
    this.worker.on('exit', (code) => {
      this.fail(new Error(`图表线程意外退出（退出码 ${String(code)}）`));
    });
  }

  draw(specs: ChartSpec[], font: CjkFont): Promise<Uint8Array[]> {
    const id = ++nextId;
    return new Promise((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, specs, font } satisfies ChartJob);
    });
  }

  async close(): Promise<void> {
    this.gone(this);
    await this.worker.terminate();
  }

  private settle(reply: ChartReply): void {
    const w = this.waiting.get(reply.id);
    if (w === undefined) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if ('pngs' in reply) w.resolve(reply.pngs);
    else w.reject(new Error(`图表绘制失败：${reply.error}`));
  }

  private fail(e: Error): void {
    this.gone(this);
    for (const w of this.waiting.values()) w.reject(e);
    this.waiting.clear();
  }
}

const threads: ChartThread[] = [];
/** Set when a thread cannot be started here: charts are then drawn on the calling thread. */
let threadsUnavailable = false;

function leave(t: ChartThread): void {
  const i = threads.indexOf(t);
  if (i >= 0) threads.splice(i, 1);
}

/** The least busy thread, starting another while all are busy and there is room. */
function pick(max: number): ChartThread | undefined {
  const idle = threads.find((t) => t.waiting.size === 0);
  if (idle !== undefined) return idle;
  if (threads.length < max && !threadsUnavailable) {
    try {
      const t = new ChartThread(leave);
      threads.push(t);
      return t;
    } catch {
      threadsUnavailable = true;
    }
  }
  return threads.reduce<ChartThread | undefined>(
    (best, t) => (best === undefined || t.waiting.size < best.waiting.size ? t : best),
    undefined,
  );
}

/** Draws charts (together) on a chart thread, or on this thread when there are none. */
export function drawOnThread(specs: ChartSpec[], font: CjkFont): Promise<Uint8Array[]> {
  const thread = pick(chartThreadCount());
  return thread === undefined ? drawCharts(specs, font) : thread.draw(specs, font);
}

/** Stops the chart threads (tests, a server shutting down); later charts start new ones. */
export async function closeChartThreads(): Promise<void> {
  await Promise.all([...threads].map((t) => t.close()));
}
