import { HyperFormula } from 'hyperformula';
const r2 = (x: number) => Math.round(x * 100) / 100;
// exact check using BigInt: value*1000 integer and ends with 5?
type F = { name: string; exactMilli: (p: number[]) => [bigint, bigint]; float: (p: number[]) => number; gen: (i: number) => number[] };
// band w=W, target T (1 decimal), actual A (2 decimals), floor 0.6: score = w*(A/T-0.6)/0.4
const out: string[] = [];
// band: exact = W*(A/T - 0.6)/0.4 = W*(A - 0.6T)/(0.4T) ; W in halves, T in tenths, A in hundredths
for (let W2 = 2; W2 <= 10 && out.length < 6; W2++) for (let T = 1000; T <= 1300 && out.length < 6; T++) for (let A = Math.ceil(T*6); A < T*10; A+=7) {
  // exact: W2/2 * (A/100 - 0.6*T/10)/(0.4*T/10) = W2*(A - 6T)/(8T) ... A/100 - 6T/100 over 4T/100
  const num = BigInt(W2) * BigInt(A - 6 * T), den = BigInt(8 * T);
  // tie iff num*1000/den integer ending in 5 at the third decimal
  if ((num * 1000n) % den !== 0n) continue;
  const m = (num * 1000n) / den; if (m % 10n !== 5n) continue;
  const w = W2 / 2, t = T / 10, a = A / 100;
  const f = r2(w * (a / t - 0.6) / 0.4);
  const exact = Number((m + 5n) / 10n) / 100;
  if (f !== exact) { out.push(`band w=${w} t=${t} a=${a} exact=${exact} float=${f} raw=${w * (a / t - 0.6) / 0.4}`); }
}
console.log(out.join('\n'));
const o2: string[] = [];
// proportional: w * a / t
for (let W2 = 2; W2 <= 10 && o2.length < 4; W2++) for (let T = 100; T <= 300 && o2.length < 4; T++) for (let A = 1; A < T*10 && o2.length < 4; A++) {
  const num = BigInt(W2) * BigInt(A), den = BigInt(2 * T) * 10n; // w*(A/10)/T = W2*A/(20T)
  if ((num * 1000n) % den !== 0n) continue;
  const m = (num * 1000n) / den; if (m % 10n !== 5n) continue;
  const w = W2/2, a = A/10, t = T; const f = r2(w * Math.min(a/t,1)); const exact = Number((m+5n)/10n)/100;
  if (f !== exact && a < t) o2.push(`prop w=${w} t=${t} a=${a} exact=${exact} float=${f} raw=${w*a/t}`);
}
console.log(o2.join('\n'));
const o3: string[] = [];
// likert: w*(s1 + s2*0.5 + s3*0.25) shares tenths-of-percent
outer: for (let W2 = 2; W2 <= 8; W2++) for (let s1 = 300; s1 < 700; s1++) for (let s2 = 100; s2 < 1000 - s1; s2 += 3) { const s3 = Math.min(1000 - s1 - s2, 150);
  // exact in units of 1e-3 shares: rate*4000 = 4 s1 + 2 s2 + s3; score = W2/2 * (4s1+2s2+s3)/4000 = W2*(..)/8000
  const num = BigInt(W2 * (4*s1+2*s2+s3)); const den = 8000n;
  if ((num*1000n) % den !== 0n) continue; const m = num*1000n/den; if (m % 10n !== 5n) continue;
  const w = W2/2; const f = r2(w*(Number(`${s1}e-3`)*1+Number(`${s2}e-3`)*0.5+Number(`${s3}e-3`)*0.25)); const exact = Number((m+5n)/10n)/100;
  if (f !== exact) { o3.push(`likert w=${w} s=${s1/10},${s2/10},${s3/10},${(1000-s1-s2-s3)/10} exact=${exact} float=${f}`); if (o3.length>=4) break outer; }
}
console.log(o3.join('\n'));
