/**
 * The five published reports as golden cases: each encoded file must score to its known total and
 * the audit must report every inconsistency the encoding records — and no error it does not.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, it } from 'node:test';
import { auditAcross, auditEvaluation } from '../../src/core/audit/index.ts';
import { toFixed } from '../../src/core/decimal/index.ts';
import { flatten, scoreEvaluation } from '../../src/core/engine.ts';
import type { ScoreResult } from '../../src/core/result.ts';
import type { Finding } from '../../src/core/audit/finding.ts';
import { ROOT, loadEvaluation, readJson } from '../support.ts';

interface ExpectedFinding {
  kind: string;
  location: string;
  severity?: string;
  why?: string;
}

interface Expected {
  file: string;
  total: string;
  grade: string;
  statedTotal?: string;
  reproducesStatedTotal: boolean;
  findings: ExpectedFinding[];
}

const GOLDEN = join(ROOT, 'test', 'golden');
const cases = readdirSync(GOLDEN)
  .filter((f) => f.endsWith('.expected.json') && !f.endsWith('.cross.expected.json'))
  .sort();

function collapse(s: string): string {
  return s.replace(/\s+/g, '');
}

/** Every quote in an encoded file, wherever it stands. */
function quotes(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => quotes(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'quote' && typeof v === 'string') out.push(v);
      else quotes(v, out);
    }
  }
  return out;
}

function seedText(file: string): string | undefined {
  const stem = basename(file, '.json').replace(/-[a-z]+$/, '');
  const path = join(ROOT, 'test', 'fixtures', 'reports', `${stem}.txt`);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
}

function matches(f: Finding, e: ExpectedFinding): boolean {
  return (
    f.kind === e.kind && f.location === e.location && (e.severity === undefined || f.severity === e.severity)
  );
}

function describeFinding(f: Finding): string {
  return `${f.severity} ${f.kind} @ ${f.location}: ${f.message}`;
}

assert.ok(cases.length >= 8, `expected the golden cases of the five seeds, found ${cases.length}`);

for (const name of cases) {
  const expected = readJson(join('test', 'golden', name)) as Expected;
  describe(`golden ${basename(expected.file)}`, () => {
    const ev = loadEvaluation(expected.file);
    const result = scoreEvaluation(ev);
    const findings = auditEvaluation(result);

    it(`scores ${expected.total} (${expected.grade})`, () => {
      assert.equal(toFixed(result.total, 2), expected.total);
      assert.equal(result.grade, expected.grade);
      const bare = scoreEvaluation(ev, { explanations: false });
      assert.deepEqual(
        flatten(bare.roots).map((s) => toFixed(s.score, 2)),
        flatten(result.roots).map((s) => toFixed(s.score, 2)),
      );
    });

    if (expected.reproducesStatedTotal) {
      it(`reproduces the stated total ${expected.statedTotal ?? ''}`, () => {
        const stated = ev.claims.total.find((t) => t.score !== undefined)?.score;
        assert.ok(stated, 'the file states a total');
        assert.equal(toFixed(stated, 2), toFixed(result.total, 2));
      });
    }

    for (const e of expected.findings) {
      it(`finds ${e.severity ?? ''} ${e.kind} at ${e.location}${e.why ? ` — ${e.why}` : ''}`, () => {
        assert.ok(
          findings.some((f) => matches(f, e)),
          `not found. Findings were:\n${findings.map(describeFinding).join('\n')}`,
        );
      });
    }

    it('reports no error the encoding does not expect', () => {
      const unexpected = findings.filter(
        (f) => f.severity === 'error' && !expected.findings.some((e) => matches(f, e)),
      );
      assert.deepEqual(unexpected.map(describeFinding), []);
    });

    const text = seedText(expected.file);
    it(
      'quotes the published text verbatim',
      { skip: text === undefined ? 'seed text not beside the repository' : false },
      () => {
        const haystack = collapse(text ?? '');
        const missing = quotes(readJson(expected.file)).filter((q) => !haystack.includes(collapse(q)));
        assert.deepEqual(missing, []);
      },
    );
  });
}

const crossName = '001_a409125ab5d60bf9.cross.expected.json';
if (existsSync(join(GOLDEN, crossName))) {
  describe('golden 001: the four units side by side', () => {
    const expected = readJson(join('test', 'golden', crossName)) as { findings: ExpectedFinding[] };
    const files = readdirSync(join(ROOT, 'examples', 'seeds'))
      .filter((f) => f.startsWith('001_a409125ab5d60bf9-'))
      .sort();
    const results: { name: string; result: ScoreResult }[] = files.map((f) => ({
      name: basename(f, '.json'),
      result: scoreEvaluation(loadEvaluation(join('examples', 'seeds', f))),
    }));
    const findings = auditAcross(results);
    it('has four units', () => {
      assert.equal(files.length, 4);
    });
    for (const e of expected.findings) {
      it(`finds ${e.kind} at ${e.location}${e.why ? ` — ${e.why}` : ''}`, () => {
        assert.ok(
          findings.some((f) => matches(f, e)),
          `not found. Findings were:\n${findings.map(describeFinding).join('\n')}`,
        );
      });
    }
  });
}
