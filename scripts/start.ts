/**
 * `npm start`: the main job on the embedded default — score and audit every golden seed evaluation in
 * examples/seeds and print a summary. (The multi-user service takes over `npm start` later.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { auditAcross, auditEvaluation } from '../src/core/audit/index.ts';
import { toFixed } from '../src/core/decimal/index.ts';
import { scoreEvaluation } from '../src/core/engine.ts';
import { parseEvaluation } from '../src/core/normalize.ts';
import type { ScoreResult } from '../src/core/result.ts';
import { renderTable } from '../src/cli/table.ts';

const dir = join(import.meta.dirname, '..', 'examples', 'seeds');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();
const rows: string[][] = [];
const results: { name: string; result: ScoreResult }[] = [];
for (const f of files) {
  const result = scoreEvaluation(parseEvaluation(JSON.parse(readFileSync(join(dir, f), 'utf8'))));
  const findings = auditEvaluation(result);
  const ev = result.evaluation;
  const stated = ev.claims.total.find((t) => t.score !== undefined)?.score;
  const count = (s: string): string => String(findings.filter((x) => x.severity === s).length);
  rows.push([
    basename(f, '.json'),
    ev.unit.name,
    String(ev.fiscalYear),
    stated ? toFixed(stated, 2) : '—',
    toFixed(result.total, 2),
    result.grade,
    count('error'),
    count('warning'),
    count('info'),
  ]);
  if (f.startsWith('001_')) results.push({ name: basename(f, '.json'), result });
}
console.log('jixiao 绩效 — 示例评价（examples/seeds，五份公开报告）重算与审核\n');
console.log(
  renderTable(['文件', '单位', '年度', '报告总分', '重算总分', '等级', '错误', '警告', '提示'], rows, {
    align: ['left', 'left', 'left', 'right', 'right', 'left', 'right', 'right', 'right'],
  }),
);
const across = auditAcross(results);
console.log(`\n南昌市总工会四家单位横向比对：${across.length} 项不一致（同一规则、同一输入得分不同）`);
console.log('\n查看明细：npm run jixiao -- audit examples/seeds/004_9b93941ec0b19236.json');
console.log('逐项得分：npm run jixiao -- score examples/seeds/002_bcba853156c95a30.json');
