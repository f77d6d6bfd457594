/**
 * The jixiao command: registers one command per file under commands/, runs it, and maps what it
 * throws to an exit code (see exit.ts). Run as `node src/cli/main.ts` or via bin/jixiao.js.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerAudit } from './commands/audit.ts';
import { registerCheck } from './commands/check.ts';
import { registerExplain } from './commands/explain.ts';
import { registerImport } from './commands/import.ts';
import { registerInit } from './commands/init.ts';
import { registerReport } from './commands/report.ts';
import { registerScore } from './commands/score.ts';
import { registerTemplate } from './commands/template.ts';
import { registerTemplates } from './commands/templates.ts';
import { registerValidate } from './commands/validate.ts';
import { configureChinese } from './commander-zh.ts';
import { type Done, EXIT, type ExitCode, reportError } from './exit.ts';
import { printError } from './io.ts';

/** src/cli/main.ts and dist/cli/main.js both sit two levels below package.json. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version?: unknown;
  };
  return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
}

const EXIT_HELP = `
退出码：
  0   正常（audit、check：未发现错误级问题）
  1   audit、check 发现错误级问题
  2   输入或用法错误（文件不存在、JSON 格式错误、字段缺失或取值不合法、报告无法读取、未知命令或选项）
  70  内部错误（设置 JIXIAO_DEBUG=1 可查看详情）`;

export function buildProgram(done: Done): Command {
  const program = configureChinese(new Command('jixiao'));
  program
    .description('jixiao（绩效）：预算绩效评价的精确计分、一致性检查与模板')
    .version(packageVersion(), '-V, --version', '显示版本号')
    .addHelpText('after', EXIT_HELP);
  for (const register of [
    registerValidate,
    registerScore,
    registerAudit,
    registerExplain,
    registerInit,
    registerTemplates,
    registerReport,
    registerTemplate,
    registerImport,
    registerCheck,
  ]) {
    register(program, done);
  }
  return program;
}

export async function run(argv: readonly string[]): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  const program = buildProgram((c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv);
    return code;
  } catch (e) {
    return reportError(e, printError, process.env.JIXIAO_DEBUG === '1');
  }
}

// Last resort for errors outside the command's promise chain: still no raw stack.
const fatal = (e: unknown): never =>
  process.exit(reportError(e, printError, process.env.JIXIAO_DEBUG === '1'));
process.on('uncaughtException', fatal);
process.on('unhandledRejection', fatal);

// A closed pipe (jixiao score x | head) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  throw e;
});

process.exitCode = await run(process.argv);
