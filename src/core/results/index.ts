/** Use of results (结果应用): rectification items, their status, and the budget consequence of a grade. */
export * from './status.ts';
export * from './items.ts';
export * from './consequence.ts';
export * from './rule.ts';
