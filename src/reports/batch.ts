/**
 * Rendering many reports (a region's reports for one archive, a benchmark batch) with a few in
 * flight: while one report's charts are drawn on a chart thread, the next report is laid out and
 * packed on this thread, so a batch keeps two cores busy. Results come in input order; a report
 * that fails is reported with its error and the batch goes on.
 */
import { chartThreadCount } from './charts/threads.ts';
import { renderReport } from './index.ts';
import type { ReportInput, ReportOptions } from './types.ts';

export type BatchResult<T> = { item: T; bytes: Uint8Array } | { item: T; error: Error };

/** How many reports are rendered at once by default: one being packed, one per chart thread. */
export function defaultInFlight(): number {
  return chartThreadCount() + 1;
}

/** Renders `items` with `render`, up to `inFlight` at once, yielding results in input order. */
export async function* renderEach<T>(
  items: Iterable<T>,
  render: (item: T) => Promise<Uint8Array>,
  inFlight = defaultInFlight(),
): AsyncGenerator<BatchResult<T>> {
  if (!Number.isInteger(inFlight) || inFlight < 1) throw new RangeError(`inFlight ${String(inFlight)}`);
  const settle = (item: T): Promise<BatchResult<T>> =>
    render(item).then(
      (bytes) => ({ item, bytes }),
      (e: unknown) => ({ item, error: e instanceof Error ? e : new Error(String(e)) }),
    );
  const running: Promise<BatchResult<T>>[] = [];
  for (const item of items) {
    running.push(settle(item));
    if (running.length >= inFlight) {
      const next = running.shift();
      if (next !== undefined) yield await next;
    }
  }
  for (const next of running) yield await next;
}

/** The reports of `inputs` in one format and type, a few at a time (see renderEach). */
export function renderReports<T extends ReportInput>(
  inputs: Iterable<T>,
  opts: ReportOptions,
  inFlight = defaultInFlight(),
): AsyncGenerator<BatchResult<T>> {
  return renderEach(inputs, (input) => renderReport(input, opts), inFlight);
}
