/**
 * Word (.docx) reports: 项目支出绩效评价报告, 部门整体支出绩效评价报告 / 自评报告, 绩效自评表 and the
 * 指标体系评分表, rendered from a scored evaluation.
 */
import type { ReportInput, ReportType } from '../types.ts';
import { departmentReport } from './department.ts';
import { type Part, pack, toc } from './document.ts';
import { indicatorTable } from './indicator-table.ts';
import { projectReport } from './project.ts';
import { selfTable } from './self-table.ts';
import { subtitle, title } from './style.ts';

interface Built {
  title: string;
  /** The title broken into lines (unit name, then the report name); the subtitle then is left out. */
  titleLines?: string[];
  parts: Part[];
  /** Reports with a table of contents get a title page with it. */
  contents?: boolean;
}

function build(input: ReportInput, type: ReportType, charts: boolean): Built {
  switch (type) {
    case 'project':
      return { ...projectReport(input, charts), contents: true };
    case 'department':
      return { ...departmentReport(input, charts), contents: true };
    case 'self-table':
      return selfTable(input);
    case 'indicators':
      return indicatorTable(input);
  }
}

export async function renderWord(
  input: ReportInput,
  type: ReportType,
  opts: { charts?: boolean } = {},
): Promise<Uint8Array> {
  const built = build(input, type, opts.charts !== false);
  const ev = input.result.evaluation;
  const head = built.titleLines
    ? title(built.titleLines)
    : [...title(built.title), subtitle(`${ev.unit.name}\u3000${ev.fiscalYear}年度`)];
  const parts: Part[] = built.contents
    ? [{ children: [...head, ...toc()] }, ...built.parts]
    : built.parts.map((p, i) => (i === 0 ? { ...p, children: [...head, ...p.children] } : p));
  return pack(parts, { title: built.title });
}
