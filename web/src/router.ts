/**
 * Pages by the address's hash (#/evaluations/12): the service serves one page, and a link or a
 * reload lands on the same page.
 */
import { useEffect, useState } from 'react';

export function currentPath(): string {
  const h = window.location.hash.replace(/^#/, '');
  return h === '' ? '/' : h;
}

/**
 * A page with unsaved changes holds the way out: the guard is asked before every move to another
 * page (a menu click, a link, the browser's back button) and says whether to go at once; if not, it
 * asks the user and goes later with `leave`.
 */
type Guard = (to: string) => boolean;
let guard: Guard | undefined;

/** Sets the guard; the function returned removes it. */
export function setLeaveGuard(g: Guard): () => void {
  guard = g;
  return () => {
    if (guard === g) guard = undefined;
  };
}

/** Goes to `path` without asking the guard (after the user agreed to leave). */
export function leave(path: string): void {
  guard = undefined;
  window.location.hash = path;
}

export function navigate(path: string): void {
  if (guard !== undefined && path !== currentPath() && !guard(path)) return;
  window.location.hash = path;
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    let shown = currentPath();
    const on = (): void => {
      const to = currentPath();
      if (to !== shown && guard !== undefined && !guard(to)) {
        // the address moved by itself (back button, a typed address): put it back while the user decides
        window.history.replaceState(null, '', `#${shown}`);
        return;
      }
      shown = to;
      setPath(to);
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
