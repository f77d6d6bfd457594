/**
 * Pages by the address's hash (#/evaluations/12): the service serves one page, and a link or a
 * reload lands on the same page.
 */
import { useEffect, useState } from 'react';

export function currentPath(): string {
  const h = window.location.hash.replace(/^#/, '');
  return h === '' ? '/' : h;
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const on = (): void => {
      setPath(currentPath());
    };
    window.addEventListener('hashchange', on);
    return () => {
      window.removeEventListener('hashchange', on);
    };
  }, []);
  return path;
}

/** `/evaluations/:id` against `/evaluations/12` → `{ id: '12' }`, or undefined. */
export function match(pattern: string, path: string): Record<string, string> | undefined {
  const p = pattern.split('/');
  const s = path.split('?')[0]?.split('/') ?? [];
  if (p.length !== s.length) return undefined;
  const out: Record<string, string> = {};
  for (const [i, part] of p.entries()) {
    const seg = s[i] ?? '';
    if (part.startsWith(':')) out[part.slice(1)] = decodeURIComponent(seg);
    else if (part !== seg) return undefined;
  }
  return out;
}
