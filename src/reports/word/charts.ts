/**
 * The charts inside the Word reports (得分率 per level-1 group, budget vs execution). Each is
 * started on a chart thread before the document is laid out, and put in after it is packed
 * (./media.ts).
 */
import { ImageRun, type Paragraph } from 'docx';
import type { ScoreResult } from '../../core/result.ts';
import { type Figure, reportCharts } from '../charts/index.ts';
import { type PendingImage, pendingImage } from './media.ts';
import { centred } from './style.ts';

/** Charts print 15 cm wide: 567 px at 96 dpi; the height keeps the chart's aspect ratio. */
const WIDTH_PX = 567;

/** The image paragraph (centred, space above it so it does not touch a table) for a figure. */
export function figureImage(figure: Figure): { paragraph: Paragraph; pending: PendingImage } {
  const height = Math.round((WIDTH_PX * figure.height) / figure.width);
  const pending = pendingImage(figure.png);
  const image = new ImageRun({
    type: 'png',
    data: pending.placeholder,
    transformation: { width: WIDTH_PX, height },
  });
  return { paragraph: centred([image]), pending };
}

/** The charts a report shows; a chart is absent when charts are off, unavailable or empty. */
export interface Charts {
  score?: Figure;
  budget?: Figure;
}

/** Captions (numbered by the Writer at insertion: "图1 …"). */
export const CHART_TITLE = { score: '各一级指标得分率', budget: '预算与执行情况' } as const;

/** Starts drawing both charts; the document is laid out meanwhile. */
export function startCharts(result: ScoreResult, enabled: boolean): Charts {
  return enabled ? reportCharts(result) : {};
}
