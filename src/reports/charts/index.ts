/**
 * Charts for the Word reports, rendered on the server without a browser: echarts server-side SVG,
 * rasterised to PNG by resvg with an explicit CJK font (./draw.ts), on a chart thread
 * (./threads.ts). A chart is a `Figure`: its size is known at once, so the document can be laid out
 * and packed while the PNG is still being drawn.
 */
import type { ScoreResult } from '../../core/result.ts';
import { type CjkFont, findCjkFonts } from '../fonts.ts';
import { type ChartSpec, WIDTH, budgetSpec, scoreRateSpec } from './spec.ts';
import { drawOnThread } from './threads.ts';

export { type ChartSpec, budgetSpec, scoreRateSpec } from './spec.ts';
export { closeChartThreads } from './threads.ts';

/** A chart being drawn: its shape and its PNG to come. */
export interface Figure {
  /** The chart's logical size, px (the PNG is PNG_WIDTH wide, in this aspect ratio). */
  width: number;
  height: number;
  png: Promise<Uint8Array>;
}

/** Recent drawings by their specs: the same charts (docx then pdf of one evaluation) are drawn once. */
const recent = new Map<string, Promise<Uint8Array[]>>();
const RECENT_MAX = 16;

function cached(specs: ChartSpec[], font: CjkFont): Promise<Uint8Array[]> {
  const key = `${font.files.join('|')}\n${JSON.stringify(specs)}`;
  let pngs = recent.get(key);
  if (pngs === undefined) {
    pngs = drawOnThread(specs, font);
    pngs.catch(() => recent.delete(key));
    recent.set(key, pngs);
    if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value ?? key);
  }
  return pngs;
}

/** Figures for the specs, drawn together; undefined for an absent spec, all undefined without a CJK font. */
function figures(specs: readonly (ChartSpec | undefined)[]): (Figure | undefined)[] {
  const font = findCjkFonts();
  const present = specs.filter((s): s is ChartSpec => s !== undefined);
  if (font === undefined || present.length === 0) return specs.map(() => undefined);
  const pngs = cached(present, font);
  return specs.map((spec) => {
    if (spec === undefined) return undefined;
    const i = present.indexOf(spec);
    return { width: WIDTH, height: spec.height, png: pngs.then((all) => all[i] ?? new Uint8Array(0)) };
  });
}

/** The charts of a report, drawn together: 得分率 per level-1 group, and budget vs execution. */
export function reportCharts(result: ScoreResult): { score?: Figure; budget?: Figure } {
  const [score, budget] = figures([scoreRateSpec(result), budgetSpec(result)]);
  return { ...(score ? { score } : {}), ...(budget ? { budget } : {}) };
}

/** 得分率 per level-1 group; undefined without groups with a rate, or without a CJK font. */
export function scoreRateChart(result: ScoreResult): Figure | undefined {
  return figures([scoreRateSpec(result)])[0];
}

/** 全年预算数 vs 全年执行数; undefined without budget figures, or without a CJK font. */
export function budgetChart(result: ScoreResult): Figure | undefined {
  return figures([budgetSpec(result)])[0];
}
