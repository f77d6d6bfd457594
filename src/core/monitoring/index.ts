/** 绩效目标 and 双监控: target sheets, checkpoints, deviation rules, the year-end pre-fill. */
export * from './types.ts';
export * from './validate.ts';
export * from './deviations.ts';
export * from './messages.ts';
export * from './output.ts';
export * from './prefill.ts';
export * from './table.ts';
