/** Plain-text tables and number formats for the benchmark's output. */

export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const ratio = (x: number): string => `×${x.toFixed(2)}`;
/** Indicators (or rows) per second, three significant digits: "1.23 M/s", "152 k/s". */
export function perSecond(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} M/s`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(n >= 1e5 ? 0 : 1)} k/s`;
  return `${n.toFixed(0)} /s`;
}

/** Display width: CJK characters take two columns. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/.test(ch) ? 2 : 1;
  return w;
}

/** A markdown-compatible table (pipes), numbers right-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[×\d,.\s%MkB/s—-]+$/.test(r[i] ?? '')),
  );
  const cell = (s: string, i: number): string => {
    const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(s)));
    return numeric[i] ? pad + s : s + pad;
  };
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => cell(c, i)).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function section(title: string): string {
  return `\n## ${title}\n`;
}
