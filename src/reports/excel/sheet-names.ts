/** Worksheet names from unit names: Excel allows 31 characters, no []:*?/\, unique ignoring case. */
const MAX = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;

function clean(name: string): string {
  const t = name
    .replace(FORBIDDEN, '_')
    .replace(/^'+|'+$/g, '')
    .trim();
  return t === '' ? '单位' : t;
}

/** At most `max` UTF-16 units (Excel's count), never cut inside a surrogate pair. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const high = text.charCodeAt(max - 1);
  return text.slice(0, high >= 0xd800 && high <= 0xdbff ? max - 1 : max);
}

/** Hands out unique sheet names; `taken` are reserved (汇总, 审核发现). */
export class SheetNames {
  private readonly used = new Set<string>();

  constructor(taken: readonly string[] = []) {
    for (const t of taken) this.used.add(t.toLowerCase());
  }

  next(name: string): string {
    const base = clean(name);
    let candidate = cut(base, MAX);
    for (let i = 2; this.used.has(candidate.toLowerCase()); i++) {
      const suffix = `(${i})`;
      candidate = cut(base, MAX - suffix.length) + suffix;
    }
    this.used.add(candidate.toLowerCase());
    return candidate;
  }
}
