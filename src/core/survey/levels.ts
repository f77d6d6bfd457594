/** The answer scales offered when a questionnaire is built; any other scale may be given. */
import { toPlain } from '../decimal/index.ts';
import { DEFAULT_SURVEY_LEVELS } from '../normalize.ts';
import type { LevelDef } from './types.ts';

/** Seed 002's four levels: 非常满意 1, 满意 0.5, 一般 0.25, 不满意 0 (the core's default). */
export const FOUR_LEVELS: readonly LevelDef[] = DEFAULT_SURVEY_LEVELS.map((l) => ({
  label: l.label,
  weight: toPlain(l.weight),
}));

/** A five-level scale with evenly spaced weights. */
export const FIVE_LEVELS: readonly LevelDef[] = [
  { label: '非常满意', weight: '1' },
  { label: '满意', weight: '0.75' },
  { label: '一般', weight: '0.5' },
  { label: '不满意', weight: '0.25' },
  { label: '非常不满意', weight: '0' },
];

export const LEVEL_SCALES = { four: FOUR_LEVELS, five: FIVE_LEVELS } as const;
