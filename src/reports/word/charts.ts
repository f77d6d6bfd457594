/**
 * The charts inside the Word reports (得分率 per level-1 group, budget vs execution), from
 * ../charts.ts when that module is there; a report without it simply has no charts.
 */
import { ImageRun, Paragraph } from 'docx';
import type { ScoreResult } from '../../core/result.ts';
import { centred } from './style.ts';

interface ChartModule {
  scoreRateChart(result: ScoreResult): Promise<Uint8Array | undefined>;
  budgetChart(result: ScoreResult): Promise<Uint8Array | undefined>;
}

let loaded: Promise<ChartModule | undefined> | undefined;

function notFound(e: unknown): boolean {
  return e instanceof Error && 'code' in e && e.code === 'ERR_MODULE_NOT_FOUND';
}

/** Not a literal import: the module may be absent, and a build has it as .js. */
async function load(): Promise<ChartModule | undefined> {
  for (const spec of ['../charts.ts', '../charts.js']) {
    try {
      return (await import(spec)) as ChartModule;
    } catch (e) {
      if (!notFound(e)) throw e;
    }
  }
  return undefined;
}

function chartModule(): Promise<ChartModule | undefined> {
  loaded ??= load();
  return loaded;
}

/** PNG width 15 cm at 96 dpi ≈ 567 px; height from the image's own aspect ratio. */
const WIDTH_PX = 567;

function pngSize(png: Uint8Array): { width: number; height: number } | undefined {
  if (png.length < 24 || png[0] !== 0x89 || png[1] !== 0x50) return undefined;
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The image paragraph (centred, space above it so it does not touch a table) for a figure. */
export function figureImage(png: Uint8Array): Paragraph {
  const size = pngSize(png);
  const height = size && size.width > 0 ? Math.round((WIDTH_PX * size.height) / size.width) : 340;
  return centred([new ImageRun({ type: 'png', data: png, transformation: { width: WIDTH_PX, height } })]);
}

/** The charts a report shows; a chart is absent when charts are off, unavailable or empty. */
export interface Charts {
  score?: Uint8Array;
  budget?: Uint8Array;
}

/** Captions (numbered by the Writer at insertion: "图1 …"). */
export const CHART_TITLE = { score: '各一级指标得分率', budget: '预算与执行情况' } as const;

/** Renders both charts at once (each takes 100–250 ms). */
export async function renderCharts(result: ScoreResult, enabled: boolean): Promise<Charts> {
  if (!enabled) return {};
  const mod = await chartModule();
  if (!mod) return {};
  const [score, budget] = await Promise.all([mod.scoreRateChart(result), mod.budgetChart(result)]);
  return { ...(score ? { score } : {}), ...(budget ? { budget } : {}) };
}
