/** Reading an evaluation file: bytes → text → JSON → validated model → scores. */
import { basename, extname } from 'node:path';
import type { Evaluation } from '../core/model.ts';
import { parseEvaluation } from '../core/normalize.ts';
import { scoreEvaluation } from '../core/engine.ts';
import type { ScoreResult } from '../core/result.ts';
import { readJson } from './io.ts';

/** Throws CliInputError (file, JSON) or the core's InputError (schema, values). */
export async function loadEvaluation(file: string): Promise<Evaluation> {
  return parseEvaluation(await readJson(file));
}

export async function loadScored(file: string): Promise<ScoreResult> {
  return scoreEvaluation(await loadEvaluation(file));
}

/** "examples/seed-002.json" → "seed-002": how cross-file findings name a file. */
export function fileStem(file: string): string {
  return basename(file, extname(file));
}
