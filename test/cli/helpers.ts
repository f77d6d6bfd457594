/** Shared helpers for the CLI tests: run the real command in a child process, temp dirs, fixtures. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE = join(ROOT, 'node_modules/.bin/node');
const MAIN = join(ROOT, 'src/cli/main.ts');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

function isExecError(e: unknown): e is Error & { code: number; stdout: string; stderr: string } {
  return e instanceof Error && 'stdout' in e && typeof (e as { code?: unknown }).code === 'number';
}

/** Run `jixiao <args>` with Node 24 on the TypeScript sources. */
export async function jixiao(
  args: readonly string[],
  cwd: string = ROOT,
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  const options = {
    cwd,
    env: { ...process.env, JIXIAO_DEBUG: '', ...env },
    encoding: 'utf8' as const,
    maxBuffer: 64 * 1024 * 1024,
  };
  try {
    const { stdout, stderr } = await run(NODE, [MAIN, ...args], options);
    return { code: 0, stdout, stderr };
  } catch (e) {
    if (isExecError(e)) return { code: e.code, stdout: e.stdout, stderr: e.stderr };
    throw e;
  }
}

/** A fresh temp dir, removed by the returned cleanup. */
export async function tempDir(): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-cli-'));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export async function writeJson(dir: string, name: string, value: unknown): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify(value, null, 2) + '\n');
  return file;
}

/** No stack trace leaked to the user. */
export function hasStack(text: string): boolean {
  return /^\s+at .+[:(]\d+/m.test(text) || text.includes('node:internal');
}

/**
 * A small, fully scorable evaluation (every leaf has what its method needs), so that audit has no
 * error findings: A1 elements 40/40, B1 60 × 1808 ÷ 2000 = 54.24; total 94.24.
 */
export function cleanEvaluation(): Record<string, unknown> {
  return {
    format: 'jixiao/evaluation@1',
    kind: 'unit',
    mode: 'self',
    fiscalYear: 2023,
    unit: { name: '测试单位' },
    indicators: [
      {
        code: 'A',
        name: '决策',
        weight: 40,
        children: [
          {
            code: 'A1',
            name: '目标明确',
            weight: 40,
            method: {
              type: 'elements',
              elements: [
                { name: '有年度目标', points: 20, met: true },
                { name: '目标已细化', points: 20, met: true },
              ],
            },
          },
        ],
      },
      {
        code: 'B',
        name: '产出',
        weight: 60,
        children: [
          {
            code: 'B1',
            name: '培训人次',
            weight: 60,
            target: '≥2000人',
            actual: '1808人',
            method: { type: 'proportional' },
          },
        ],
      },
    ],
  };
}

/** A valid evaluation as `init` would write it, to be broken in one place by a test. */
export async function templateEvaluation(): Promise<Record<string, unknown>> {
  const { templates } = await import('../../src/core/templates/index.ts');
  const [first] = templates;
  if (first === undefined) throw new Error('no templates');
  return structuredClone(first.build({ unitName: '测试单位', fiscalYear: 2024 }));
}

interface Node {
  weight?: unknown;
  method?: unknown;
  children?: Node[];
}

/** The first leaf under indicators[0] and its field path. */
export function firstLeaf(ev: Record<string, unknown>): { leaf: Node; path: string } {
  let node = (ev.indicators as Node[])[0];
  let path = 'indicators[0]';
  while (node?.children !== undefined && node.children.length > 0) {
    node = node.children[0];
    path += '.children[0]';
  }
  if (node === undefined) throw new Error('no leaf');
  return { leaf: node, path };
}
