import { generate } from './generate.ts';
import { parseEvaluation } from '../src/core/normalize.ts';
import { scoreEvaluation, flatten } from '../src/core/engine.ts';
import { toFixed } from '../src/core/decimal/index.ts';
const g = generate(1, 0);
const r = scoreEvaluation(parseEvaluation(g.input));
const counts = new Map<string, number>();
for (const n of flatten(r.roots)) { if (n.children.length===0) { counts.set(n.status,(counts.get(n.status)??0)+1); console.log(n.node.code, n.node.method?.type, n.status, toFixed(n.score,2), n.explanation); } }
console.log(counts, toFixed(r.total,2), r.grade);
let t=performance.now(); for (let i=0;i<2000;i++) generate(1,i); console.log('gen µs', (performance.now()-t)/2);
const evs = Array.from({length:2000},(_,i)=>generate(1,i).input);
t=performance.now(); const ps = evs.map(e=>parseEvaluation(e)); console.log('parse µs', (performance.now()-t)/2);
t=performance.now(); for (const p of ps) scoreEvaluation(p); console.log('score on µs', (performance.now()-t)/2);
t=performance.now(); for (const p of ps) scoreEvaluation(p,{explanations:false}); console.log('score off µs', (performance.now()-t)/2);
t=performance.now(); for (const p of ps) scoreEvaluation(p); console.log('score on µs', (performance.now()-t)/2);
t=performance.now(); for (const p of ps) scoreEvaluation(p,{explanations:false}); console.log('score off µs', (performance.now()-t)/2);
