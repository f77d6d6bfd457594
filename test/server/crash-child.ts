/**
 * The server for crash.test.ts: src/server/main.ts itself, run in a process that also ends when the
 * test process ends, however it ends (its stdin is a pipe from the test process, which closes then),
 * so a killed or timed-out test leaves no server behind.
 */
process.stdin.once('end', () => process.exit(1));
process.stdin.resume();
await import('../../src/server/main.ts');
