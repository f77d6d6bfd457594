/** Test support: render a Word report for seed files and read it back with mammoth. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mammoth from 'mammoth';
import { auditEvaluation } from '../../core/audit/index.ts';
import { scoreEvaluation } from '../../core/engine.ts';
import { parseEvaluation } from '../../core/normalize.ts';
import type { ScoreResult } from '../../core/result.ts';
import type { ReportInput, ReportType } from '../types.ts';
import { renderWord } from './index.ts';

const SEEDS = fileURLToPath(new URL('../../../examples/seeds/', import.meta.url));

/** A seed evaluation from examples/seeds, scored. */
export function seed(file: string): ScoreResult {
  return scoreEvaluation(parseEvaluation(JSON.parse(readFileSync(join(SEEDS, file), 'utf8')) as unknown));
}

export function inputOf(main: ScoreResult, units: ScoreResult[] = []): ReportInput {
  const wrap = (result: ScoreResult) => ({ result, findings: auditEvaluation(result) });
  return { ...wrap(main), ...(units.length > 0 ? { units: units.map(wrap) } : {}) };
}

export interface ReadBack {
  path: string;
  text: string;
  html: string;
  /** Every table as rows of cell texts (cells covered by a merge are absent). */
  tables: string[][][];
  /** Heading texts by level, in document order (h1 → 1 …). */
  headings: { level: number; text: string }[];
}

const dir = mkdtempSync(join(tmpdir(), 'jixiao-word-'));

const strip = (s: string): string =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();

function tablesOf(html: string): string[][][] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((t) =>
    [...(t[1] ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
      [...(r[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => strip(c[1] ?? '')),
    ),
  );
}

function headingsOf(html: string): { level: number; text: string }[] {
  return [...html.matchAll(/<h([1-6])>([\s\S]*?)<\/h\1>/g)].map((m) => ({
    level: Number(m[1]),
    text: strip(m[2] ?? ''),
  }));
}

export async function render(input: ReportInput, type: ReportType, charts = false): Promise<ReadBack> {
  const bytes = await renderWord(input, type, { charts });
  const path = join(dir, `${input.result.evaluation.id ?? 'report'}-${type}${charts ? '-charts' : ''}.docx`);
  writeFileSync(path, bytes);
  const buffer = Buffer.from(bytes);
  const text = (await mammoth.extractRawText({ buffer })).value;
  const html = (await mammoth.convertToHtml({ buffer })).value;
  return { path, text, html, tables: tablesOf(html), headings: headingsOf(html) };
}

/** The rows of all tables whose first matching cell equals `name`. */
export function rowsNamed(rb: ReadBack, name: string): string[][] {
  return rb.tables.flat().filter((row) => row.includes(name));
}
