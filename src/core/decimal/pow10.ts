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
