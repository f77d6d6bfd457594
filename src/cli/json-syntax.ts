/**
 * Locates the first syntax error in a JSON text, with a Chinese description. JSON.parse does not
 * always report a position (V8 omits it for some errors), so the CLI scans the text itself when
 * parsing fails.
 */
export interface JsonSyntaxProblem {
  /** UTF-16 offset of the offending character (text.length at the end of input). */
  offset: number;
  message: string;
}

class Problem extends Error {
  readonly offset: number;

  constructor(offset: number, message: string) {
    super(message);
    this.offset = offset;
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

const HINTS: readonly (readonly [string, string])[] = [
  ['，：“”‘’｛｝［］', '（全角标点，请改为半角）'],
  ["'", '（字符串须用双引号）'],
  ['/#', '（JSON 不支持注释）'],
];

function describe(ch: string | undefined): string {
  if (ch === undefined) return '文件意外结束（括号或引号未闭合）';
  if (ch === '\n' || ch === '\r') return '意外的换行';
  return `意外的字符“${ch}”${HINTS.find(([chars]) => chars.includes(ch))?.[1] ?? ''}`;
}

class Scanner {
  private pos = 0;
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  run(): void {
    this.skipWs();
    if (this.pos === this.text.length) throw new Problem(0, '文件为空');
    this.value();
    this.skipWs();
    if (this.pos < this.text.length) throw new Problem(this.pos, 'JSON 结束后还有多余内容');
  }

  private peek(): string | undefined {
    return this.text[this.pos];
  }

  private fail(expected?: string): never {
    const found = describe(this.peek());
    throw new Problem(this.pos, expected === undefined ? found : `${found}，应为${expected}`);
  }

  private skipWs(): void {
    while (WS.has(this.peek() ?? '')) this.pos++;
  }

  private value(): void {
    const ch = this.peek();
    if (ch === '{') this.object();
    else if (ch === '[') this.array();
    else if (ch === '"') this.string();
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) this.number();
    else if (!this.literal()) this.fail('值（对象、数组、字符串、数字、true、false 或 null）');
  }

  private literal(): boolean {
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return true;
      }
    }
    return false;
  }

  private number(): void {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (m === null) this.fail('数字');
    this.pos += m[0].length;
  }

  private string(): void {
    const start = this.pos;
    this.pos++; // opening quote
    for (;;) {
      const ch = this.peek();
      if (ch === undefined) throw new Problem(start, '字符串缺少结束的双引号');
      if (ch === '"') break;
      if (ch < ' ') throw new Problem(this.pos, '字符串中有未转义的控制字符（换行须写作 \\n）');
      if (ch === '\\') this.escape();
      else this.pos++;
    }
    this.pos++;
  }

  private escape(): void {
    const next = this.text[this.pos + 1];
    if (next !== undefined && ESCAPES.has(next)) {
      this.pos += 2;
    } else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
      this.pos += 6;
    } else {
      throw new Problem(this.pos, '无效的转义序列（反斜杠须写作 \\\\）');
    }
  }

  /** Called after a comma: a closing bracket here means a trailing comma. */
  private trailingComma(close: string): void {
    if (this.peek() === close) throw new Problem(this.pos, `“${close}”前有多余的逗号`);
  }

  private object(): void {
    this.pos++;
    this.skipWs();
    if (this.peek() === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWs();
      this.trailingComma('}');
      if (this.peek() !== '"') this.fail('带双引号的键名');
      this.string();
      this.skipWs();
      if (this.peek() !== ':') this.fail('冒号“:”');
      this.pos++;
      this.skipWs();
      this.value();
      this.skipWs();
      if (this.peek() === '}') break;
      if (this.peek() !== ',') this.fail('逗号“,”或“}”');
      this.pos++;
    }
    this.pos++;
  }

  private array(): void {
    this.pos++;
    this.skipWs();
    if (this.peek() === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipWs();
      this.trailingComma(']');
      this.value();
      this.skipWs();
      if (this.peek() === ']') break;
      if (this.peek() !== ',') this.fail('逗号“,”或“]”');
      this.pos++;
    }
    this.pos++;
  }
}

/** The first syntax error, or undefined when the text is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxProblem | undefined {
  try {
    new Scanner(text).run();
    return undefined;
  } catch (e) {
    if (e instanceof Problem) return { offset: e.offset, message: e.message };
    if (e instanceof RangeError) return { offset: 0, message: '嵌套层数过深' };
    throw e;
  }
}

/** 1-based line and column (in characters) of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|\r|\n/);
  const last = lines[lines.length - 1] ?? '';
  return { line: lines.length, column: Array.from(last).length + 1 };
}
