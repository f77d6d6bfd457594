/** Test support: render a Word report for seed files and read it back with mammoth. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
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
  /** word/document.xml, for what mammoth does not show (row properties, alignment). */
  xml: string;
}

/** One entry of a zip archive, found through the central directory (stored or deflated). */
export function unzipEntry(zip: Buffer, name: string): string {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const nameLen = zip.readUInt16LE(at + 28);
    const entry = zip.toString('utf8', at + 46, at + 46 + nameLen);
    if (entry === name) {
      const local = zip.readUInt32LE(at + 42);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + zip.readUInt32LE(at + 20));
      return (zip.readUInt16LE(at + 10) === 0 ? data : inflateRawSync(data)).toString('utf8');
    }
    at += 46 + nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  throw new Error(`${name} not in the archive`);
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
  const xml = unzipEntry(buffer, 'word/document.xml');
  return { path, text, html, tables: tablesOf(html), headings: headingsOf(html), xml };
}

/** The rows of all tables whose first matching cell equals `name`. */
export function rowsNamed(rb: ReadBack, name: string): string[][] {
  return rb.tables.flat().filter((row) => row.includes(name));
}
