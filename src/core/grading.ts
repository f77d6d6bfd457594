import { type Rat, gte } from './decimal/index.ts';
import type { GradeBand } from './model.ts';

/** The grade whose band the total falls in (bands sorted by min, descending): 89.99 is 良, 90.00 is 优. */
export function gradeOf(total: Rat, bands: readonly GradeBand[]): string {
  for (const b of bands) if (gte(total, b.min)) return b.grade;
  return bands[bands.length - 1]?.grade ?? '';
}
