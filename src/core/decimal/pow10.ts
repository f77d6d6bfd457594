const cache: bigint[] = [];

/** 10^k as a BigInt, cached. */
export function pow10(k: number): bigint {
  let v = cache[k];
  if (v === undefined) {
    v = 10n ** BigInt(k);
    cache[k] = v;
  }
  return v;
}

const exponents = new Map<bigint, number>();
for (let k = 0; k <= 30; k++) exponents.set(10n ** BigInt(k), k);

/** k when d = 10^k (k ≤ 30), else undefined: most values are decimals as written. */
export function log10Exact(d: bigint): number | undefined {
  return exponents.get(d);
}
