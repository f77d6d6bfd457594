/** Consolidation across units (汇总与排名): pure functions over scored evaluations. */
export * from './types.ts';
export * from './side-by-side.ts';
export * from './consolidate.ts';
export * from './rank.ts';
export * from './years.ts';
export * from './across.ts';
export * from './json.ts';
