/** Import problems, each at a sheet, row and column; all collected, then thrown together. */
export interface ImportIssue {
  sheet: string;
  row?: number | undefined;
  /** Column letter (D). */
  column?: string | undefined;
  message: string;
}

/** “工作表“指标”第 5 行 D 列”. */
export function issueLocation(i: ImportIssue): string {
  if (i.sheet === '') return '工作簿';
  const row = i.row !== undefined ? `第 ${i.row} 行` : '';
  const col = i.column !== undefined ? `${row === '' ? '' : ' '}${i.column} 列` : '';
  return `工作表“${i.sheet}”${row}${col}`;
}

export class ImportError extends Error {
  readonly issues: readonly ImportIssue[];
  constructor(issues: readonly ImportIssue[]) {
    super(issues.map((i) => `${issueLocation(i)}：${i.message}`).join('\n'));
    this.name = 'ImportError';
    this.issues = issues;
  }
}

export interface Location {
  sheet: string;
  row?: number | undefined;
  column?: string | undefined;
}

/** Collects issues; a location reported twice keeps its first message only (no echo from the core). */
export class Issues {
  readonly list: ImportIssue[] = [];
  private readonly seen = new Set<string>();

  add(at: Location, message: string): void {
    this.seen.add(`${at.sheet}|${at.row ?? ''}|${at.column ?? ''}`);
    this.list.push({ ...at, message });
  }

  /** A follow-on issue from validation: dropped when the importer already reported that cell. */
  addUnlessSeen(at: Location, message: string): void {
    if (at.row !== undefined && this.seen.has(`${at.sheet}|${at.row}|${at.column ?? ''}`)) return;
    this.add(at, message);
  }
}
