/** The key/value sheets (基本信息, 预算, 人员): a label in column A, its value in column B. */
import type { Content } from './cells.ts';
import { textOf } from './cells.ts';
import type { Issues, Location } from './errors.ts';
import {
  BUDGET_FIELDS,
  type Field,
  INFO_FIELDS,
  SHEETS,
  SOURCE_COLUMNS,
  SOURCE_RE,
  STAFF_FIELDS,
} from './layout.ts';
import type { SheetRow } from './read.ts';
import { readGrades, readRounding } from './written.ts';

type Obj = Record<string, unknown>;

const FIELDS: Record<string, ReadonlyMap<string, Field>> = {
  [SHEETS.info]: new Map(INFO_FIELDS.map((f) => [f.label, f])),
  [SHEETS.budget]: new Map(BUDGET_FIELDS.map((f) => [f.label, f])),
  [SHEETS.staffing]: new Map(STAFF_FIELDS.map((f) => [f.label, f])),
};

export function isKeyValueSheet(sheet: string): boolean {
  return Object.hasOwn(FIELDS, sheet);
}

/** The object that holds the last key of a dotted path (created on the way), and that key. */
function parentOf(target: Obj, path: string): [Obj, string] {
  const keys = path.split('.');
  let o = target;
  for (const k of keys.slice(0, -1)) {
    if (typeof o[k] !== 'object' || o[k] === null) o[k] = {};
    o = o[k] as Obj;
  }
  return [o, keys[keys.length - 1] ?? ''];
}

function setAt(target: Obj, path: string, value: unknown): void {
  const [o, last] = parentOf(target, path);
  o[last] = value;
}

function pushAt(target: Obj, path: string, value: unknown): void {
  const [o, last] = parentOf(target, path);
  const list = Array.isArray(o[last]) ? (o[last] as unknown[]) : [];
  list.push(value);
  o[last] = list;
}

/** Builds the file-format fields from key/value rows; records where each path was read. */
export class KeyValueReader {
  readonly out: Obj = {};
  readonly where = new Map<string, Location>();
  private readonly issues: Issues;
  private readonly sources = new Map<string, Obj>();

  constructor(issues: Issues) {
    this.issues = issues;
  }

  row(sheet: string, r: SheetRow): void {
    if (r.number === 1) return; // header
    const label = textOf(r.cells.get(1) ?? { kind: 'empty' });
    const value = r.cells.get(2) ?? { kind: 'empty' };
    const at: Location = { sheet, row: r.number, column: 'B' };
    if (label === '') {
      if (value.kind !== 'empty') this.issues.add({ ...at, column: 'A' }, '缺少项目名称');
      return;
    }
    const source = sheet === SHEETS.budget ? SOURCE_RE.exec(label) : null;
    if (source) {
      this.source(source[1] ?? '', source[2] ?? '', value, at);
      return;
    }
    const field = FIELDS[sheet]?.get(label);
    if (field === undefined) {
      this.issues.add({ ...at, column: 'A' }, `未知的项目“${label}”（请勿修改 A 列的项目名称）`);
      return;
    }
    if (!this.where.has(field.path)) this.where.set(field.path, at);
    if (value.kind === 'error') {
      this.issues.add(at, value.text);
      return;
    }
    if (value.kind !== 'empty') this.field(field, value, at);
  }

  private source(name: string, column: string, value: Content, at: Location): void {
    const key = SOURCE_COLUMNS.find(([l]) => l === column)?.[1] ?? 'annual';
    let s = this.sources.get(name);
    const budget = (this.out.budget ??= {}) as Obj;
    const list = (budget.sources ??= []) as Obj[];
    if (value.kind === 'empty') return;
    if (s === undefined) {
      s = { name };
      this.sources.set(name, s);
      list.push(s);
    }
    const path = `budget.sources[${list.indexOf(s)}]`;
    this.where.set(path, at);
    this.where.set(`${path}.${key}`, at);
    if (value.kind === 'error') {
      this.issues.add(at, value.text);
      return;
    }
    s[key] = textOf(value);
  }

  private field(field: Field, value: Content, at: Location): void {
    const text = textOf(value);
    switch (field.type) {
      case 'choice': {
        const code = field.choices?.[text];
        if (code === undefined) {
          this.issues.add(at, `“${text}”不是可选值（可选：${Object.keys(field.choices ?? {}).join('、')}）`);
          return;
        }
        setAt(this.out, field.path, code);
        return;
      }
      case 'year':
        if (!/^\d{4}$/.test(text)) {
          this.issues.add(at, `“${text}”不是四位数年份`);
          return;
        }
        {
          setAt(this.out, field.path, Number(text));
          return;
        }
      case 'list': {
        pushAt(
          this.out,
          field.path,
          field.path === 'problems' || field.path === 'suggestions' ? { text } : text,
        );
        return;
      }
      default: {
        this.special(field, text, at);
        return;
      }
    }
  }

  private special(field: Field, text: string, at: Location): void {
    if (field.path === 'rules.rounding' || field.path === 'rules.grades') {
      const parsed = field.path === 'rules.rounding' ? readRounding(text) : readGrades(text);
      if (typeof parsed === 'string') {
        this.issues.add(at, parsed);
        return;
      }
      setAt(this.out, field.path, parsed);
      return;
    }
    setAt(this.out, field.path, text);
  }
}
