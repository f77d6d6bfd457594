/**
 * Commander in Chinese: help titles, CJK-aware help alignment, and its usage errors translated.
 * Commander hard-codes English text, so the translation works on its messages' stable wording.
 */
import { stripVTControlCharacters } from 'node:util';
import type { Command, HelpConfiguration, OutputConfiguration } from 'commander';
import { displayWidth } from './table.ts';

const TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Global Options:': '全局选项：',
};

type Rule = readonly [RegExp, (m: RegExpExecArray) => string];

const RULES: readonly Rule[] = [
  [/^error: unknown option '(.+?)'/, (m) => `错误：未知选项 '${m[1] ?? ''}'`],
  [/^error: unknown command '(.+?)'/, (m) => `错误：未知命令 '${m[1] ?? ''}'`],
  [/^error: missing required argument '(.+?)'/, (m) => `错误：缺少参数 '${m[1] ?? ''}'`],
  [/^error: option '(.+?)' argument missing/, (m) => `错误：选项 '${m[1] ?? ''}' 缺少取值`],
  [/^error: required option '(.+?)' not specified/, (m) => `错误：必须指定选项 '${m[1] ?? ''}'`],
  [
    /^error: too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (m) =>
      `错误：${m[1] === undefined ? '' : `命令 '${m[1]}' 的`}参数过多，应为 ${m[2] ?? ''} 个，实际 ${m[3] ?? ''} 个`,
  ],
];

/** Translate one of commander's error messages; unknown ones keep their text after "错误：". */
export function translateCommanderError(text: string): string {
  const [first = '', ...rest] = text.replace(/\n$/, '').split('\n');
  const rule = RULES.map(([re, fn]) => {
    const m = re.exec(first);
    return m === null ? undefined : fn(m);
  }).find((t) => t !== undefined);
  const head = rule ?? first.replace(/^error: /, '错误：');
  const hints = rest.map((line) => line.replace(/^\(Did you mean (.+)\?\)$/, '（您是否想输入 $1？）'));
  return [head, ...hints].join('\n') + '\n';
}

export const helpConfiguration: HelpConfiguration = {
  styleTitle: (title: string) => TITLES[title] ?? title,
  displayWidth: (text: string) => displayWidth(stripVTControlCharacters(text)),
};

export const outputConfiguration: OutputConfiguration = {
  outputError: (text: string, write: (s: string) => void) => {
    write(translateCommanderError(text));
  },
};

/** Settings every subcommand inherits (command() copies them), so set them before adding commands. */
export function configureChinese(program: Command): Command {
  return program
    .configureHelp(helpConfiguration)
    .configureOutput(outputConfiguration)
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [command]', '显示某个命令的帮助')
    .showHelpAfterError('（运行 jixiao --help 查看用法）')
    .exitOverride();
}
