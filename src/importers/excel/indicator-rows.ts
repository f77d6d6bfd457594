/**
 * The 指标 sheet: one row per indicator, linked into a tree by 上级代码 (a parent is on an earlier
 * row). Each row's problems are reported at its cells; the node paths are kept so that the core's
 * validation issues can be mapped back to rows.
 */
import type { IndicatorInputT } from '../../core/schema/evaluation.ts';
import { type Content, textOf } from './cells.ts';
import type { Issues, Location } from './errors.ts';
import {
  DIMENSION_CHOICES,
  INDICATOR_COLUMNS,
  type IndicatorColumn,
  SHEETS,
  columnLetter,
} from './layout.ts';
import { methodLabels, methodType, parseParams } from './params.ts';
import type { SheetRow } from './read.ts';
import { readActual, readNotApplicable, readTarget } from './written.ts';

type Node = IndicatorInputT & { children?: IndicatorInputT[] };
type Dimension = NonNullable<IndicatorInputT['dimension']>;

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
const REQUIRED: readonly IndicatorColumn[] = ['code', 'name'];
const EMPTY: Content = { kind: 'empty' };

export class IndicatorReader {
  readonly roots: Node[] = [];
  /** Field path of each node (indicators[0].children[2]) → its row. */
  readonly rows = new Map<string, number>();
  private readonly nodes = new Map<string, { node: Node; path: string }>();
  private columns = new Map<IndicatorColumn, number>();
  private readonly issues: Issues;
  private headerSeen = false;

  constructor(issues: Issues) {
    this.issues = issues;
  }

  /** Column letter of a field in this workbook (found by its header). */
  letter(key: IndicatorColumn): string | undefined {
    const c = this.columns.get(key);
    return c === undefined ? undefined : columnLetter(c);
  }

  private at(row: number, key: IndicatorColumn): Location {
    return { sheet: SHEETS.indicators, row, column: this.letter(key) };
  }

  row(r: SheetRow): void {
    if (!this.headerSeen) {
      this.header(r);
      return;
    }
    const get = (key: IndicatorColumn): Content => {
      const c = this.columns.get(key);
      return (c === undefined ? undefined : r.cells.get(c)) ?? EMPTY;
    };
    for (const key of this.columns.keys()) {
      const c = get(key);
      if (c.kind === 'error') this.issues.add(this.at(r.number, key), c.text);
    }
    this.indicator(r.number, get);
  }

  private header(r: SheetRow): void {
    this.headerSeen = true;
    for (const [col, c] of r.cells) {
      const def = INDICATOR_COLUMNS.find((d) => d.header === textOf(c));
      if (def) this.columns.set(def.key, col);
    }
    for (const key of REQUIRED) {
      if (!this.columns.has(key)) {
        const header = INDICATOR_COLUMNS.find((d) => d.key === key)?.header ?? key;
        this.issues.add({ sheet: SHEETS.indicators, row: r.number }, `缺少表头“${header}”`);
      }
    }
  }

  private indicator(row: number, get: (key: IndicatorColumn) => Content): void {
    const text = (key: IndicatorColumn): string => textOf(get(key));
    const code = text('code');
    const name = text('name');
    if (code === '') this.issues.add(this.at(row, 'code'), '缺少代码');
    else if (this.nodes.has(code)) this.issues.add(this.at(row, 'code'), `代码“${code}”重复`);
    if (name === '') this.issues.add(this.at(row, 'name'), '缺少名称');
    const node: Node = { ...(code !== '' ? { code } : {}), name };
    this.weight(node, row, get('weight'));
    this.method(node, row, text('method'), text('params'), text('rule'));
    this.details(node, row, get);
    this.attach(node, row, code, text('parent'));
  }

  private weight(node: Node, row: number, c: Content): void {
    if (c.kind === 'empty' || c.kind === 'error') return;
    if (c.kind === 'text' && !NUMBER.test(c.text)) {
      this.issues.add(this.at(row, 'weight'), `权重“${c.text}”不是数字`);
      return;
    }
    node.weight = c.text;
  }

  private method(node: Node, row: number, label: string, params: string, rule: string): void {
    if (label === '') {
      if (params !== '') this.issues.add(this.at(row, 'method'), '填写了方法参数，但没有选择评分方法');
      return;
    }
    const type = methodType(label);
    if (type === undefined) {
      this.issues.add(
        this.at(row, 'method'),
        `未知的评分方法“${label}”（可选：${methodLabels().join('、')}）`,
      );
      return;
    }
    const parsed = parseParams(type, params, rule === '' ? undefined : rule);
    for (const p of parsed.problems) this.issues.add(this.at(row, 'params'), p);
    if (parsed.method) node.method = parsed.method;
  }

  private details(node: Node, row: number, get: (key: IndicatorColumn) => Content): void {
    const text = (key: IndicatorColumn): string => textOf(get(key));
    const target = readTarget(text('target'));
    if (target !== undefined) node.target = target;
    // A number cell arrives as its exact decimal text ("1808", "95.35%" under a percent format).
    const actual = readActual(text('actual'));
    if (actual !== undefined) node.actual = actual;
    if (text('deviation') !== '') node.deviation = text('deviation');
    if (text('measures') !== '') node.measures = text('measures');
    const dim = text('dimension');
    if (dim !== '') {
      const code = DIMENSION_CHOICES[dim];
      if (code === undefined)
        this.issues.add(
          this.at(row, 'dimension'),
          `“${dim}”不是可选的维度（可选：${Object.keys(DIMENSION_CHOICES).join('、')}）`,
        );
      else node.dimension = code as Dimension;
    }
    const na = readNotApplicable(text('notApplicable'));
    if (na !== undefined) node.notApplicable = na;
    this.override(node, row, get('overrideScore'), text('overrideReason'));
  }

  private override(node: Node, row: number, score: Content, reason: string): void {
    if (score.kind === 'empty') {
      if (reason !== '') this.issues.add(this.at(row, 'overrideScore'), '填写了调整理由，但没有调整得分');
      return;
    }
    if (score.kind === 'text' && !NUMBER.test(score.text)) {
      this.issues.add(this.at(row, 'overrideScore'), `调整得分“${score.text}”不是数字`);
      return;
    }
    if (reason === '') {
      this.issues.add(this.at(row, 'overrideReason'), '调整得分必须说明理由');
      return;
    }
    node.override = { score: textOf(score), reason };
  }

  private attach(node: Node, row: number, code: string, parentCode: string): void {
    let path: string;
    if (parentCode === '') {
      path = `indicators[${this.roots.length}]`;
      this.roots.push(node);
    } else {
      const parent = this.nodes.get(parentCode);
      if (parent === undefined) {
        this.issues.add(
          this.at(row, 'parent'),
          parentCode === code
            ? '上级代码不能是自己'
            : `上级代码“${parentCode}”不存在（上级指标须写在前面的行）`,
        );
        return;
      }
      const children = (parent.node.children ??= []);
      path = `${parent.path}.children[${children.length}]`;
      children.push(node);
    }
    this.rows.set(path, row);
    if (code !== '' && !this.nodes.has(code)) this.nodes.set(code, { node, path });
  }

  /** Location of a core issue at an indicator path (indicators[0].children[1].weight). */
  locate(path: string): Location | undefined {
    const m = /^indicators\[\d+\](?:\.children\[\d+\])*/.exec(path);
    if (!m) return undefined;
    const row = this.rows.get(m[0]);
    if (row === undefined) return undefined;
    const rest = path.slice(m[0].length).replace(/^\./, '');
    return this.at(row, columnFor(rest));
  }
}

const FIELD_COLUMNS: Record<string, IndicatorColumn> = {
  code: 'code',
  name: 'name',
  weight: 'weight',
  target: 'target',
  actual: 'actual',
  deviation: 'deviation',
  measures: 'measures',
  dimension: 'dimension',
  notApplicable: 'notApplicable',
  override: 'overrideScore',
  children: 'name',
};

function columnFor(rest: string): IndicatorColumn {
  if (rest === 'method' || rest === 'method.type') return 'method';
  if (rest.startsWith('method.rule')) return 'rule';
  if (rest.startsWith('method.')) return 'params';
  if (rest.startsWith('override.reason')) return 'overrideReason';
  return FIELD_COLUMNS[rest.split(/[.[]/)[0] ?? ''] ?? 'name';
}
