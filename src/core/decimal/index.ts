export * from './rational.ts';
export * from './parse.ts';
export * from './format.ts';
export * from './rounding.ts';
export { roundHalfUp } from './round-half-up.ts';
export { roundTruncate } from './round-truncate.ts';
