/** File and terminal I/O of the CLI: UTF-8 reading, JSON parsing with positions, atomic writes. */
import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { inputError } from './exit.ts';
import { findJsonSyntaxError, lineColumn } from './json-syntax.ts';

const BOM = '\uFEFF';

function errorCode(e: unknown): string | undefined {
  return e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

const READ_ERRORS: Record<string, string> = {
  ENOENT: '文件不存在',
  EISDIR: '这是一个目录，不是文件',
  EACCES: '没有读取权限',
  EPERM: '没有读取权限',
  ENOTDIR: '路径中有一段不是目录',
};

const WRITE_ERRORS: Record<string, string> = {
  ENOENT: '所在目录不存在',
  EISDIR: '这是一个目录，不能写成文件',
  EACCES: '没有写入权限',
  EPERM: '没有写入权限',
  EROFS: '文件系统只读',
  ENOSPC: '磁盘空间不足',
  ENOTDIR: '路径中有一段不是目录',
};

function fsProblem(table: Record<string, string>, e: unknown, fallback: string): string {
  const code = errorCode(e);
  const known = code === undefined ? undefined : table[code];
  return known ?? `${fallback}：${e instanceof Error ? e.message : String(e)}`;
}

/** The file's text, decoded as strict UTF-8, without a leading BOM. */
export async function readText(file: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (e) {
    throw inputError(file, fsProblem(READ_ERRORS, e, '无法读取'));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw inputError(file, '不是有效的 UTF-8 文本（如为 GBK 编码，请另存为 UTF-8）');
  }
  return text.startsWith(BOM) ? text.slice(BOM.length) : text;
}

/** Parse JSON; a syntax error becomes an input error naming the line and column. */
export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const problem = findJsonSyntaxError(text);
    if (problem === undefined) {
      throw inputError(file, `JSON 格式错误：${e instanceof Error ? e.message : String(e)}`);
    }
    const { line, column } = lineColumn(text, problem.offset);
    throw inputError(file, `JSON 格式错误（第 ${line} 行第 ${column} 列）：${problem.message}`);
  }
}

export async function readJson(file: string): Promise<unknown> {
  return parseJson(await readText(file), file);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return false;
    throw e;
  }
}

const EXISTS_MESSAGE = '文件已存在；如需覆盖，请加 --force';

/** Put `temp` at `target` only if nothing is there: a hard link fails on an existing file. */
async function placeNoClobber(temp: string, target: string, shown: string): Promise<void> {
  try {
    await link(temp, target);
  } catch (e) {
    const code = errorCode(e);
    if (code === 'EEXIST') throw inputError(shown, EXISTS_MESSAGE);
    // Some file systems have no hard links: fall back to check-then-rename.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
    if (await exists(target)) throw inputError(shown, EXISTS_MESSAGE);
    await rename(temp, target);
  }
}

/**
 * Write `text` to `file` atomically: a temp file in the same directory, flushed, then moved into
 * place, so a reader never sees half a file. Without `force` an existing file is left untouched.
 */
export async function writeFileAtomic(
  file: string,
  text: string | Uint8Array,
  force: boolean,
): Promise<void> {
  const target = resolve(file);
  try {
    if (!force && (await exists(target))) throw inputError(file, EXISTS_MESSAGE);
  } catch (e) {
    if (errorCode(e) !== undefined) throw inputError(file, fsProblem(WRITE_ERRORS, e, '无法写入'));
    throw e;
  }
  const temp = join(
    dirname(target),
    `.${basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    const handle = await open(temp, 'wx');
    try {
      await (typeof text === 'string' ? handle.writeFile(text, 'utf8') : handle.writeFile(text));
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (force) await rename(temp, target);
    else await placeNoClobber(temp, target, file);
  } catch (e) {
    if (errorCode(e) !== undefined) throw inputError(file, fsProblem(WRITE_ERRORS, e, '无法写入'));
    throw e;
  } finally {
    await rm(temp, { force: true });
  }
}

/** Pretty JSON as written to files and stdout: 2 spaces, trailing newline. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : text + '\n');
}

export function printError(text: string): void {
  process.stderr.write(text.endsWith('\n') ? text : text + '\n');
}
