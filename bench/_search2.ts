import { mulberry32 } from './generate.ts';
const rng = mulberry32(42);
for (let tries = 0; tries < 100000; tries++) {
  const c = Array.from({ length: 39 }, () => 180 + Math.floor(rng() * 70)); // hundredths, 1.80..2.49
  const s = c.reduce((a, b) => a + b, 0); const last = 9000 - s; if (last < 0 || last > 250) continue;
  c.push(last);
  let f = 0; for (const x of c) f += x / 100;
  if (f < 90) { console.log(JSON.stringify(c.map(x=>(x/100).toFixed(2))), f); break; }
}
