/** Exit codes of the jixiao command and how errors map to them. */
import { CommanderError } from 'commander';
import { InputError } from '../core/normalize.ts';
import { ReportError } from '../reports/types.ts';

export const EXIT = {
  ok: 0,
  /** audit: at least one error-severity finding. */
  findings: 1,
  /** Bad input or usage: missing file, malformed JSON, schema error, unknown option … */
  usage: 2,
  /** An unexpected exception (a bug): EX_SOFTWARE from sysexits.h. */
  internal: 70,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** One problem with the input, shown as "  <path>：<message>". */
export interface Issue {
  path: string;
  message: string;
}

/**
 * Bad input detected by the CLI itself (file, JSON, option values). Reported like the core's
 * InputError: "输入错误：" and one line per issue, exit 2, no stack.
 */
export class CliInputError extends Error {
  readonly issues: readonly Issue[];

  constructor(issues: readonly Issue[]) {
    super(issues.map((i) => `${i.path}：${i.message}`).join('；'));
    this.name = 'CliInputError';
    this.issues = issues;
  }
}

export function inputError(path: string, message: string): CliInputError {
  return new CliInputError([{ path, message }]);
}

/** "输入错误：" then one indented line per issue. */
export function formatIssues(issues: readonly Issue[]): string {
  return ['输入错误：', ...issues.map((i) => `  ${i.path}：${i.message}`)].join('\n');
}

export function isInputError(e: unknown): e is Error & { issues: readonly Issue[] } {
  return e instanceof CliInputError || e instanceof InputError;
}

/**
 * Turn anything thrown by a command into its exit code and a message on stderr. Bad input never
 * shows a stack; a bug shows one line unless JIXIAO_DEBUG=1.
 */
export function reportError(e: unknown, writeErr: (text: string) => void, debug: boolean): ExitCode {
  if (e instanceof CommanderError) {
    // Commander already printed its (translated) message or the help text.
    return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (isInputError(e)) {
    writeErr(formatIssues(e.issues));
    return EXIT.usage;
  }
  if (e instanceof ReportError) {
    writeErr(`无法生成报告：${e.message}`);
    return EXIT.usage;
  }
  const message = e instanceof Error ? e.message : String(e);
  const oneLine = message.split('\n')[0] ?? '';
  writeErr(
    debug && e instanceof Error && e.stack !== undefined
      ? `内部错误：${e.stack}`
      : `内部错误：${oneLine}（设置 JIXIAO_DEBUG=1 可查看详情）`,
  );
  return EXIT.internal;
}

/** Commands report their exit code through this callback (commander ignores action results). */
export type Done = (code: ExitCode) => void;
