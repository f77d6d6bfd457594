import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommanderError } from 'commander';
import { translateCommanderError } from '../../src/cli/commander-zh.ts';
import { CliInputError, EXIT, reportError } from '../../src/cli/exit.ts';
import { InputError } from '../../src/core/normalize.ts';

function report(e: unknown, debug = false): { code: number; text: string } {
  let text = '';
  const code = reportError(e, (t) => (text += t), debug);
  return { code, text };
}

void test('bad input: "输入错误：" and one line per issue, exit 2', () => {
  const core = new InputError([
    { path: 'indicators[0].weight', message: '应为数字' },
    { path: 'unit', message: '缺少' },
  ]);
  assert.deepEqual(report(core), {
    code: EXIT.usage,
    text: '输入错误：\n  indicators[0].weight：应为数字\n  unit：缺少',
  });
  assert.equal(report(new CliInputError([{ path: 'a.json', message: '文件不存在' }])).code, 2);
});

void test('an unexpected exception: one Chinese line, exit 70; the stack only with JIXIAO_DEBUG', () => {
  const bug = new TypeError('x is undefined\nmore');
  const plain = report(bug);
  assert.equal(plain.code, EXIT.internal);
  assert.equal(plain.text, '内部错误：x is undefined（设置 JIXIAO_DEBUG=1 可查看详情）');
  assert.ok(report(bug, true).text.includes('    at '));
  assert.equal(report('a string').code, 70);
});

void test("commander's own exits: help/version 0, usage errors 2", () => {
  assert.equal(report(new CommanderError(0, 'commander.helpDisplayed', '(outputHelp)')).code, 0);
  assert.equal(report(new CommanderError(1, 'commander.unknownOption', 'x')).code, 2);
});

void test('commander messages in Chinese', () => {
  assert.equal(
    translateCommanderError("error: unknown option '--jsno'\n(Did you mean --json?)\n"),
    "错误：未知选项 '--jsno'\n（您是否想输入 --json？）\n",
  );
  assert.equal(
    translateCommanderError("error: too many arguments for 'validate'. Expected 1 argument but got 2.\n"),
    "错误：命令 'validate' 的参数过多，应为 1 个，实际 2 个\n",
  );
  assert.equal(translateCommanderError('error: something new\n'), '错误：something new\n');
});
