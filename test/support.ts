/** Test helpers shared across suites: paths and loading evaluation files. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEvaluation } from '../src/core/normalize.ts';
import type { Evaluation } from '../src/core/model.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export function readJson(path: string): unknown {
  return JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as unknown;
}

export function loadEvaluation(path: string): Evaluation {
  return parseEvaluation(readJson(path));
}
