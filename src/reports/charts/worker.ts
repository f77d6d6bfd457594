/**
 * A chart thread: draws the charts it is sent while the calling thread lays out and packs the
 * document (./threads.ts). Messages: { id, specs, font } in; { id, pngs } or { id, error } out.
 */
import { parentPort } from 'node:worker_threads';
import type { CjkFont } from '../fonts.ts';
import { drawCharts } from './draw.ts';
import type { ChartSpec } from './spec.ts';

export interface ChartJob {
  id: number;
  specs: ChartSpec[];
  font: CjkFont;
}

export type ChartReply = { id: number; pngs: Uint8Array[] } | { id: number; error: string };

const port = parentPort;
if (port !== null) {
  port.on('message', (job: ChartJob) => {
    drawCharts(job.specs, job.font).then(
      (pngs) => {
        const transfer = pngs.map((png) => png.buffer as ArrayBuffer);
        port.postMessage({ id: job.id, pngs } satisfies ChartReply, transfer);
      },
      (e: unknown) => {
        port.postMessage({
          id: job.id,
          error: e instanceof Error ? e.message : String(e),
        } satisfies ChartReply);
      },
    );
  });
}
