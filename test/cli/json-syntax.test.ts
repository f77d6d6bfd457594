import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findJsonSyntaxError, lineColumn } from '../../src/cli/json-syntax.ts';

function where(text: string): string {
  const p = findJsonSyntaxError(text);
  assert.ok(p !== undefined, `should fail: ${text}`);
  const { line, column } = lineColumn(text, p.offset);
  return `${line}:${column} ${p.message}`;
}

void test('locates common mistakes with a Chinese description', () => {
  assert.equal(where('{"a": 1,}'), '1:9 “}”前有多余的逗号');
  assert.equal(where('{\n  "a": 1\n  "b": 2\n}'), '3:3 意外的字符“"”，应为逗号“,”或“}”');
  assert.equal(where('{"a"：1}'), '1:5 意外的字符“：”（全角标点，请改为半角），应为冒号“:”');
  assert.equal(where("{'a': 1}"), "1:2 意外的字符“'”（字符串须用双引号），应为带双引号的键名");
  assert.equal(where('{"a": [1, 2}'), '1:12 意外的字符“}”，应为逗号“,”或“]”');
  assert.equal(where('{"a": "x'), '1:7 字符串缺少结束的双引号');
  assert.equal(where('{"a": 1} x'), '1:10 JSON 结束后还有多余内容');
  assert.equal(where('  '), '1:1 文件为空');
  assert.equal(where('{"a": 01}'), '1:8 意外的字符“1”，应为逗号“,”或“}”');
  assert.equal(where('{"a": "\\x"}'), '1:8 无效的转义序列（反斜杠须写作 \\\\）');
  assert.equal(
    where('{"指标": 1,\n "权重": }'),
    '2:8 意外的字符“}”，应为值（对象、数组、字符串、数字、true、false 或 null）',
  );
});

void test('columns count characters, not UTF-16 units', () => {
  assert.deepEqual(lineColumn('"𠀋" x', 5), { line: 1, column: 5 });
  assert.deepEqual(lineColumn('a\r\nb', 3), { line: 2, column: 1 });
});

void test('agrees with JSON.parse on valid JSON', () => {
  fc.assert(
    fc.property(fc.json(), (text) => findJsonSyntaxError(text) === undefined),
    { numRuns: 300 },
  );
});

void test('agrees with JSON.parse on arbitrary text', () => {
  const alphabet = fc.constantFrom(...'{}[]":,0123456789-+.eE \n\\tfrunlsa'.split(''));
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 20 }), (chars) => {
      const text = chars.join('');
      let valid = true;
      try {
        JSON.parse(text);
      } catch {
        valid = false;
      }
      return (findJsonSyntaxError(text) === undefined) === valid;
    }),
    { numRuns: 3000 },
  );
});
