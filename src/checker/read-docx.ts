/**
 * Reading a .docx written by hand (绩效评价报告 / 自评表) into the checker's document model
 * (./document.ts): the paragraphs and tables of word/document.xml in order, with paragraph style
 * names from word/styles.xml and page numbers from Word's page breaks.
 *
 * Hand-made files are often odd, so everything is tolerant: a small XML tokenizer of our own that
 * recovers from broken markup (and counts what it skipped into `notes`), no entity expansion
 * beyond XML's five and numeric references, bounded unzipping. The only exception thrown is
 * `ReadError`, with a Chinese message naming the file.
 */
import { unzipSync } from 'fflate';
import { type Block, type Cell, ReadError, type ReportDocument } from './document.ts';

/** No part is read when it is larger than this unzipped (declared or actual). */
const MAX_UNZIPPED = 200 * 1024 * 1024;
const MAIN_PART = 'word/document.xml';
const STYLES_PART = 'word/styles.xml';
const PACKAGE_RELS = '_rels/.rels';
/** Tables nested deeper than this inside cells are read as plain text of the cell around them. */
const MAX_TABLE_DEPTH = 8;
/** Word allows 63 grid columns; a larger gridSpan is nonsense and is capped. */
const MAX_SPAN = 64;

// ---------------------------------------------------------------------------------------------
// A tolerant, linear XML tokenizer
// ---------------------------------------------------------------------------------------------

interface XmlHandler {
  /** attrs: flat [name, value, name, value, …], values with entities decoded. */
  open(name: string, attrs: readonly string[]): void;
  close(name: string): void;
  text(value: string): void;
}

interface XmlScan {
  /** Broken markup skipped or repaired (stray '<', bad entity, unterminated tag, stray end tag…). */
  problems: number;
  /** Elements still open at the end of the text (closed there). */
  unclosed: number;
}

const LT = 60; // <
const GT = 62; // >
const AMP = 38; // &
const SEMI = 59; // ;
const SLASH = 47; // /
const BANG = 33; // !
const QUESTION = 63; // ?
const EQUALS = 61; // =
const DQUOTE = 34; // "
const SQUOTE = 39; // '

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c >= 128;
}

/** Ends a tag name or an attribute name. */
function isTagStop(c: number): boolean {
  return isSpace(c) || c === SLASH || c === GT || c === LT || c === EQUALS || c === DQUOTE || c === SQUOTE;
}

function entity(body: string): string | undefined {
  switch (body) {
    case 'lt':
      return '<';
    case 'gt':
      return '>';
    case 'amp':
      return '&';
    case 'quot':
      return '"';
    case 'apos':
      return "'";
  }
  if (body.charCodeAt(0) !== 35) return undefined; // '#'
  const hex = body.charCodeAt(1) === 120 || body.charCodeAt(1) === 88; // x / X
  const digits = body.slice(hex ? 2 : 1);
  if (digits === '' || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits)) return undefined;
  const cp = parseInt(digits, hex ? 16 : 10);
  if (!(cp >= 1 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
  return String.fromCodePoint(cp);
}

/**
 * Calls the handler for each element start, end and text, in order, always balanced: an end tag
 * closes the elements opened inside it that were left open, an end tag with no open element is
 * dropped, and whatever is open at the end is closed there. One pass, no backtracking: every
 * character is looked at a bounded number of times.
 */
function scanXml(xml: string, h: XmlHandler): XmlScan {
  const n = xml.length;
  let problems = 0;
  const stack: string[] = [];
  const openCount = new Map<string, number>();
  // A delimiter ('-->', '?>', ']]>') not found from some position is not found from any later one.
  const notFound = new Map<string, number>();
  const find = (delim: string, from: number): number => {
    const nf = notFound.get(delim);
    if (nf !== undefined && from >= nf) return -1;
    const at = xml.indexOf(delim, from);
    if (at < 0) notFound.set(delim, from);
    return at;
  };

  const decode = (from: number, to: number, hasAmp: boolean): string => {
    if (!hasAmp) return xml.slice(from, to);
    const parts: string[] = [];
    let last = from;
    let k = from;
    while (k < to) {
      if (xml.charCodeAt(k) !== AMP) {
        k++;
        continue;
      }
      let e = k + 1;
      const limit = Math.min(to, k + 32);
      while (e < limit) {
        const c = xml.charCodeAt(e);
        if (c === SEMI || c === AMP || c === LT) break;
        e++;
      }
      const replacement = e < limit && xml.charCodeAt(e) === SEMI ? entity(xml.slice(k + 1, e)) : undefined;
      if (replacement === undefined) {
        problems++; // a bare '&' or an unknown entity: kept as written
        k++;
        continue;
      }
      if (k > last) parts.push(xml.slice(last, k));
      parts.push(replacement);
      k = e + 1;
      last = k;
    }
    if (last < to) parts.push(xml.slice(last, to));
    return parts.join('');
  };

  /** Past the next '>', or up to (not past) the next '<'. */
  const skipTag = (from: number): number => {
    for (let j = from; j < n; j++) {
      const c = xml.charCodeAt(j);
      if (c === GT) return j + 1;
      if (c === LT) return j;
    }
    return n;
  };

  const closeNamed = (name: string): void => {
    if ((openCount.get(name) ?? 0) === 0) {
      problems++; // an end tag for nothing open
      return;
    }
    let implicit = false;
    for (;;) {
      const top = stack.pop();
      if (top === undefined) break;
      openCount.set(top, (openCount.get(top) ?? 1) - 1);
      h.close(top);
      if (top === name) break;
      implicit = true;
    }
    if (implicit) problems++;
  };

  const endTag = (at: number): number => {
    let j = at + 2;
    const start = j;
    while (j < n && !isTagStop(xml.charCodeAt(j))) j++;
    const name = xml.slice(start, j);
    let bad = name === '';
    for (;;) {
      if (j >= n) {
        bad = true;
        break;
      }
      const c = xml.charCodeAt(j);
      if (c === GT) {
        j++;
        break;
      }
      if (c === LT) {
        bad = true;
        break;
      }
      if (!isSpace(c)) bad = true;
      j++;
    }
    if (bad) problems++;
    if (name !== '') closeNamed(name);
    return j;
  };

  const startTag = (at: number): number => {
    let j = at + 1;
    const start = j;
    while (j < n && !isTagStop(xml.charCodeAt(j))) j++;
    const name = xml.slice(start, j);
    const attrs: string[] = [];
    let bad = false;
    let selfClosing = false;
    for (;;) {
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n) {
        bad = true;
        break;
      }
      const c = xml.charCodeAt(j);
      if (c === GT) {
        j++;
        break;
      }
      if (c === SLASH) {
        if (j + 1 < n && xml.charCodeAt(j + 1) === GT) {
          selfClosing = true;
          j += 2;
          break;
        }
        bad = true;
        j++;
        continue;
      }
      if (c === LT) {
        bad = true; // no '>': the tag ends where the next one starts
        break;
      }
      const nameStart = j;
      while (j < n && !isTagStop(xml.charCodeAt(j))) j++;
      if (j === nameStart) {
        bad = true; // a stray '=' or quote
        j++;
        continue;
      }
      const attrName = xml.slice(nameStart, j);
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      if (j >= n || xml.charCodeAt(j) !== EQUALS) {
        bad = true;
        attrs.push(attrName, '');
        continue;
      }
      j++;
      while (j < n && isSpace(xml.charCodeAt(j))) j++;
      const quote = j < n ? xml.charCodeAt(j) : -1;
      let hasAmp = false;
      if (quote === DQUOTE || quote === SQUOTE) {
        j++;
        const valueStart = j;
        while (j < n) {
          const v = xml.charCodeAt(j);
          if (v === quote || v === LT) break;
          if (v === AMP) hasAmp = true;
          j++;
        }
        attrs.push(attrName, decode(valueStart, j, hasAmp));
        if (j < n && xml.charCodeAt(j) === quote) j++;
        else bad = true;
      } else {
        const valueStart = j;
        while (j < n) {
          const v = xml.charCodeAt(j);
          if (isSpace(v) || v === GT || v === LT) break;
          if (v === AMP) hasAmp = true;
          j++;
        }
        bad = true; // unquoted value
        attrs.push(attrName, decode(valueStart, j, hasAmp));
      }
    }
    if (bad) problems++;
    h.open(name, attrs);
    if (selfClosing) h.close(name);
    else {
      stack.push(name);
      openCount.set(name, (openCount.get(name) ?? 0) + 1);
    }
    return j;
  };

  const markup = (at: number, next: number): number => {
    if (next === SLASH) return endTag(at);
    if (next === QUESTION) {
      const end = find('?>', at + 2);
      if (end >= 0) return end + 2;
      problems++;
      return skipTag(at + 2);
    }
    if (next === BANG) {
      if (xml.startsWith('--', at + 2)) {
        const end = find('-->', at + 4);
        if (end >= 0) return end + 3;
        problems++;
        return skipTag(at + 4);
      }
      if (xml.startsWith('[CDATA[', at + 2)) {
        const end = find(']]>', at + 9);
        if (end < 0) {
          problems++;
          return skipTag(at + 9);
        }
        if (end > at + 9) h.text(xml.slice(at + 9, end));
        return end + 3;
      }
      return skipTag(at + 2); // <!DOCTYPE …>: skipped, nothing declared in it is used
    }
    return startTag(at);
  };

  let i = 0;
  let textStart = 0;
  let textAmp = false;
  while (i < n) {
    const c = xml.charCodeAt(i);
    if (c !== LT) {
      if (c === AMP) textAmp = true;
      i++;
      continue;
    }
    const next = i + 1 < n ? xml.charCodeAt(i + 1) : -1;
    if (next !== SLASH && next !== BANG && next !== QUESTION && !isNameStart(next)) {
      problems++; // a stray '<' is kept as text
      i++;
      continue;
    }
    if (i > textStart) h.text(decode(textStart, i, textAmp));
    i = markup(i, next);
    textStart = i;
    textAmp = false;
  }
  if (n > textStart) h.text(decode(textStart, n, textAmp));

  const unclosed = stack.length;
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) h.close(top);
  return { problems, unclosed };
}

// ---------------------------------------------------------------------------------------------
// Names: WordprocessingML matched by namespace, whatever prefix the file binds it to
// ---------------------------------------------------------------------------------------------

const KNOWN_NAMESPACES = new Map<string, string>([
  ['http://schemas.openxmlformats.org/wordprocessingml/2006/main', 'w'],
  ['http://purl.oclc.org/ooxml/wordprocessingml/main', 'w'],
  ['http://schemas.openxmlformats.org/officeDocument/2006/math', 'm'],
  ['http://purl.oclc.org/ooxml/officeDocument/math', 'm'],
  ['http://schemas.openxmlformats.org/markup-compatibility/2006', 'mc'],
]);

/**
 * Element names as "w:p", "m:t", "mc:Choice" when their prefix is bound (anywhere in the file) to
 * a known namespace — or is the usual w / m / mc. Other names are kept apart (never equal to a
 * known one). Scoping of xmlns declarations is not followed: Word declares them all on the root.
 */
class Names {
  private readonly prefixes = new Map<string, string>([
    ['w', 'w'],
    ['m', 'm'],
    ['mc', 'mc'],
  ]);
  private readonly keys = new Map<string, string>();

  declare(attrs: readonly string[]): void {
    for (let i = 0; i + 1 < attrs.length; i += 2) {
      const attr = attrs[i] ?? '';
      if (!attr.startsWith('xmlns')) continue;
      const known = KNOWN_NAMESPACES.get(attrs[i + 1] ?? '');
      if (known === undefined) continue;
      const prefix = attr === 'xmlns' ? '' : attr.startsWith('xmlns:') ? attr.slice(6) : undefined;
      if (prefix === undefined || this.prefixes.get(prefix) === known) continue;
      this.prefixes.set(prefix, known);
      this.keys.clear();
    }
  }

  key(qname: string): string {
    let key = this.keys.get(qname);
    if (key === undefined) {
      const colon = qname.indexOf(':');
      const ns = this.prefixes.get(colon < 0 ? '' : qname.slice(0, colon));
      key = ns === undefined ? `\u0000${qname}` : `${ns}:${qname.slice(colon + 1)}`;
      this.keys.set(qname, key);
    }
    return key;
  }
}

/** An attribute by local name, whatever its prefix. */
function attr(attrs: readonly string[], local: string): string | undefined {
  for (let i = 0; i + 1 < attrs.length; i += 2) {
    const name = attrs[i] ?? '';
    if (name === local || (name.endsWith(local) && name.charCodeAt(name.length - local.length - 1) === 58))
      return attrs[i + 1];
  }
  return undefined;
}

/** An on/off property (w:pageBreakBefore): on when present, unless its val says off. */
function isOn(val: string | undefined): boolean {
  if (val === undefined) return true;
  const v = val.trim().toLowerCase();
  return v !== '0' && v !== 'false' && v !== 'off';
}

function intIn(val: string | undefined, min: number, max: number, fallback: number): number {
  const v = val === undefined ? NaN : parseInt(val, 10);
  return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();

function problemNotes(part: string, scan: XmlScan, notes: string[]): void {
  if (scan.problems > 0) notes.push(`${part} 有 ${scan.problems} 处无法解析的标记，已跳过`);
  if (scan.unclosed > 0)
    notes.push(`${part} 有 ${scan.unclosed} 个元素没有结束标记（文件可能被截断），已按能读出的内容处理`);
}

// ---------------------------------------------------------------------------------------------
// word/styles.xml
// ---------------------------------------------------------------------------------------------

interface Styles {
  /** styleId → name ("Heading1" → "heading 1"). */
  names: Map<string, string>;
  /** styleId → its own pageBreakBefore, when it says. */
  breakBefore: Map<string, boolean>;
  basedOn: Map<string, string>;
  defaultParagraph: string | undefined;
}

const noStyles = (): Styles => ({
  names: new Map(),
  breakBefore: new Map(),
  basedOn: new Map(),
  defaultParagraph: undefined,
});

function readStyles(xml: string, part: string, notes: string[]): Styles {
  const styles = noStyles();
  const names = new Names();
  let id: string | undefined;
  const scan = scanXml(xml, {
    open(qname, attrs) {
      names.declare(attrs);
      const key = names.key(qname);
      if (key === 'w:style') {
        id = attr(attrs, 'styleId') ?? '';
        const type = attr(attrs, 'type') ?? 'paragraph';
        const isDefault = attr(attrs, 'default');
        if (type === 'paragraph' && isDefault !== undefined && isOn(isDefault) && id !== '')
          styles.defaultParagraph = id;
        return;
      }
      if (id === undefined || id === '') return;
      const val = attr(attrs, 'val');
      if (key === 'w:name' && val) styles.names.set(id, val);
      else if (key === 'w:basedOn' && val) styles.basedOn.set(id, val);
      else if (key === 'w:pageBreakBefore') styles.breakBefore.set(id, isOn(val));
    },
    close(qname) {
      if (names.key(qname) === 'w:style') id = undefined;
    },
    text() {
      // styles carry no text we use
    },
  });
  problemNotes(part, scan, notes);
  return styles;
}

function styleBreaksBefore(styles: Styles, styleId: string | undefined): boolean {
  let id = styleId ?? styles.defaultParagraph;
  for (let hops = 0; id !== undefined && hops < 32; hops++) {
    const own = styles.breakBefore.get(id);
    if (own !== undefined) return own;
    id = styles.basedOn.get(id);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// word/document.xml
// ---------------------------------------------------------------------------------------------

interface ParaFrame {
  kind: 'p';
  depth: number;
  /** Shared with the paragraph around, for a paragraph in a text box. */
  parts: string[];
  /** Inside a table cell or another paragraph: no style, no page break of its own. */
  nested: boolean;
  styleId: string | undefined;
  /** Depth of the paragraph's own w:pPr while inside it, else 0. */
  pPrDepth: number;
  breakBefore: boolean | undefined;
  decided: boolean;
  runDepth: number;
  /** A w:sectPr in the paragraph's properties: its section ends after it. */
  sectionEnd: boolean;
  /** The number of break events before its first text (top-level blocks). */
  firstAt: number | undefined;
}

interface Row {
  cells: Cell[];
  /** Next grid column. */
  col: number;
  renderedBreak: boolean;
}

interface TableFrame {
  kind: 'tbl';
  depth: number;
  rows: Row[];
  row: Row | undefined;
  /** By grid column: the cell a vertical merge there continues, and the last row it covers. */
  owners: ({ cell: Cell; row: number } | undefined)[];
  firstAt: number | undefined;
  startAt: number;
}

interface CellFrame {
  kind: 'tc';
  depth: number;
  lines: string[];
  colSpan: number;
  vMerge: 'restart' | 'continue' | undefined;
  firstAt: number | undefined;
}

type Frame = ParaFrame | TableFrame | CellFrame;

/** Read but not shown: tracked deletions and old properties, field codes, content-control settings. */
const OPAQUE = new Set([
  'w:instrText',
  'w:delText',
  'w:delInstrText',
  'w:del',
  'w:moveFrom',
  'w:pPrChange',
  'w:rPrChange',
  'w:sectPrChange',
  'w:tblPrChange',
  'w:tblPrExChange',
  'w:tcPrChange',
  'w:trPrChange',
  'w:tblGridChange',
  'w:numberingChange',
  'w:sdtPr',
  'w:sdtEndPr',
  'w:fldData',
]);

/** Section types that do not start a new page. */
const SAME_PAGE_SECTIONS = new Set(['continuous', 'nextColumn']);

class BodyReader implements XmlHandler {
  readonly blocks: Block[] = [];
  /** Per block: the number of break events before it. */
  private readonly blockAt: number[] = [];
  /** Page-break events in order; false for a section break found later not to start a page. */
  private readonly events: boolean[] = [];
  /** The event of the last section break, until the next section's type says whether it counts. */
  private pendingSection = -1;
  /** At the top of a page: nothing written since the last break (or the start). */
  private fresh = true;
  private readonly frames: Frame[] = [];
  private readonly tables: TableFrame[] = [];
  private readonly alternates: { depth: number; taken: boolean }[] = [];
  private section: { depth: number; type: string; para: ParaFrame | undefined } | undefined;
  private skip = 0;
  private depth = 0;
  private inText = false;
  sawWord = false;
  private readonly names = new Names();

  private readonly styles: Styles;

  constructor(styles: Styles) {
    this.styles = styles;
  }

  open(qname: string, attrs: readonly string[]): void {
    if (this.skip > 0) {
      this.skip++;
      return;
    }
    if (attrs.length > 0) this.names.declare(attrs);
    const key = this.names.key(qname);
    if (OPAQUE.has(key)) {
      this.skip = 1;
      return;
    }
    if (key === 'mc:Choice' || key === 'mc:Fallback') {
      // Markup compatibility: the same content several ways; the first one is read.
      const alt = this.alternates.at(-1);
      if (alt?.depth === this.depth) {
        if (alt.taken) {
          this.skip = 1;
          return;
        }
        alt.taken = true;
      }
    }
    this.depth++;
    const top = this.frames.at(-1);
    const para = top?.kind === 'p' ? top : undefined;
    const inRun = para !== undefined && para.runDepth > 0;
    switch (key) {
      case 'w:document':
      case 'w:body':
        this.sawWord = true;
        break;
      case 'mc:AlternateContent':
        this.alternates.push({ depth: this.depth, taken: false });
        break;
      case 'w:p':
        this.sawWord = true;
        this.frames.push({
          kind: 'p',
          depth: this.depth,
          parts: para === undefined ? [] : para.parts,
          nested: top !== undefined,
          styleId: undefined,
          pPrDepth: 0,
          breakBefore: undefined,
          decided: false,
          runDepth: 0,
          sectionEnd: false,
          firstAt: undefined,
        });
        para?.parts.push('\n');
        break;
      case 'w:pPr':
        if (para?.depth === this.depth - 1) para.pPrDepth = this.depth;
        break;
      case 'w:pStyle':
        if (para !== undefined && para.pPrDepth > 0) para.styleId = attr(attrs, 'val') || undefined;
        break;
      case 'w:pageBreakBefore':
        if (para !== undefined && para.pPrDepth > 0) para.breakBefore = isOn(attr(attrs, 'val'));
        break;
      case 'w:sectPr':
        this.section = {
          depth: this.depth,
          type: 'nextPage',
          para: para !== undefined && para.pPrDepth > 0 ? para : undefined,
        };
        break;
      case 'w:type':
        if (this.section?.depth === this.depth - 1) this.section.type = attr(attrs, 'val') ?? 'nextPage';
        break;
      case 'w:r':
        if (para !== undefined) {
          this.decide(para);
          para.runDepth++;
        }
        break;
      case 'w:t':
      case 'm:t':
        this.inText = true;
        break;
      case 'w:tab':
      case 'w:ptab':
        if (inRun) para.parts.push('\t');
        break;
      case 'w:br':
        if (!inRun) break;
        if (attr(attrs, 'type') === 'page') this.explicitBreak();
        else para.parts.push('\n');
        break;
      case 'w:cr':
        if (inRun) para.parts.push('\n');
        break;
      case 'w:noBreakHyphen':
        if (inRun) this.addText(para, '-');
        break;
      case 'w:lastRenderedPageBreak':
        if (inRun) this.renderedBreak();
        break;
      case 'w:tbl':
        this.sawWord = true;
        if (this.tables.length < MAX_TABLE_DEPTH && top?.kind !== 'tbl') {
          const table: TableFrame = {
            kind: 'tbl',
            depth: this.depth,
            rows: [],
            row: undefined,
            owners: [],
            firstAt: undefined,
            startAt: this.events.length,
          };
          this.frames.push(table);
          this.tables.push(table);
        }
        break;
      case 'w:tr':
        if (top?.kind === 'tbl') startRow(top);
        break;
      case 'w:gridBefore':
        if (top?.kind === 'tbl' && top.row !== undefined) {
          const row = top.row;
          const skip = intIn(attr(attrs, 'val'), 0, MAX_SPAN, 0);
          for (let c = row.col; c < row.col + skip; c++) top.owners[c] = undefined;
          row.col += skip;
        }
        break;
      case 'w:tc':
        if (top?.kind === 'tbl') {
          if (top.row === undefined) startRow(top);
          this.frames.push({
            kind: 'tc',
            depth: this.depth,
            lines: [],
            colSpan: 1,
            vMerge: undefined,
            firstAt: undefined,
          });
        }
        break;
      case 'w:gridSpan':
        if (top?.kind === 'tc' && top.depth === this.depth - 2)
          top.colSpan = intIn(attr(attrs, 'val'), 1, MAX_SPAN, 1);
        break;
      case 'w:vMerge':
        if (top?.kind === 'tc' && top.depth === this.depth - 2)
          top.vMerge = attr(attrs, 'val') === 'restart' ? 'restart' : 'continue';
        break;
    }
  }

  close(qname: string): void {
    if (this.skip > 0) {
      this.skip--;
      return;
    }
    const key = this.names.key(qname);
    const top = this.frames.at(-1);
    switch (key) {
      case 'mc:AlternateContent':
        if (this.alternates.at(-1)?.depth === this.depth) this.alternates.pop();
        break;
      case 'w:p':
        if (top?.kind === 'p' && top.depth === this.depth) this.endParagraph(top);
        break;
      case 'w:pPr':
        if (top?.kind === 'p' && top.pPrDepth === this.depth) {
          top.pPrDepth = 0;
          this.decide(top);
        }
        break;
      case 'w:sectPr':
        if (this.section?.depth === this.depth) this.endSection(this.section);
        break;
      case 'w:r':
        if (top?.kind === 'p' && top.runDepth > 0) top.runDepth--;
        break;
      case 'w:t':
      case 'm:t':
        this.inText = false;
        break;
      case 'w:tr':
        if (top?.kind === 'tbl') endRow(top);
        break;
      case 'w:tc':
        if (top?.kind === 'tc' && top.depth === this.depth) this.endCell(top);
        break;
      case 'w:tbl':
        if (top?.kind === 'tbl' && top.depth === this.depth) this.endTable(top);
        break;
    }
    this.depth--;
  }

  text(value: string): void {
    if (this.skip > 0 || !this.inText) return;
    const top = this.frames.at(-1);
    if (top?.kind === 'p') this.addText(top, value);
  }

  /** Positions: line = block number, page from the break events (none at all: no pages). */
  finish(): void {
    const before: number[] = [0];
    let total = 0;
    for (const counted of this.events) {
      if (counted) total++;
      before.push(total);
    }
    if (total === 0) return;
    this.blocks.forEach((block, k) => {
      block.at.page = 1 + (before[this.blockAt[k] ?? 0] ?? 0);
    });
  }

  private addText(para: ParaFrame, value: string): void {
    this.decide(para);
    para.parts.push(value);
    if (!/\S/.test(value)) return;
    this.fresh = false;
    const root = this.frames[0];
    if (root !== undefined) root.firstAt ??= this.events.length;
  }

  private explicitBreak(): void {
    const row = this.tables.at(-1)?.row;
    if (row !== undefined) row.renderedBreak = true;
    this.events.push(true);
    this.fresh = true;
  }

  /**
   * Word's record of where it last laid out a page: counted unless the page was just started by
   * an explicit break, or the same table row already started one (each cell of a row that begins
   * a page may carry it).
   */
  private renderedBreak(): void {
    if (this.fresh) return;
    const row = this.tables.at(-1)?.row;
    if (row !== undefined) {
      if (row.renderedBreak) return;
      row.renderedBreak = true;
    }
    this.events.push(true);
    this.fresh = true;
  }

  /** pageBreakBefore, own or from the style, once the paragraph's properties are known. */
  private decide(para: ParaFrame): void {
    if (para.decided) return;
    para.decided = true;
    if (para.nested) return;
    const on = para.breakBefore ?? styleBreaksBefore(this.styles, para.styleId);
    if (on && !this.fresh) {
      this.events.push(true);
      this.fresh = true;
    }
  }

  /** A section's type says how it starts: the break ending the section before counts unless continuous. */
  private endSection(section: { type: string; para: ParaFrame | undefined }): void {
    if (this.pendingSection >= 0) this.events[this.pendingSection] = !SAME_PAGE_SECTIONS.has(section.type);
    this.pendingSection = -1;
    if (section.para !== undefined && !section.para.nested) section.para.sectionEnd = true;
    this.section = undefined;
  }

  private pushBlock(block: Block, at: number): void {
    block.at.line = this.blocks.length + 1;
    this.blocks.push(block);
    this.blockAt.push(at);
  }

  private endParagraph(para: ParaFrame): void {
    this.frames.pop();
    this.decide(para);
    const parent = this.frames.at(-1);
    if (parent === undefined) {
      const text = collapse(para.parts.join(''));
      if (text !== '') {
        const styleId = para.styleId;
        const block: Block =
          styleId === undefined
            ? { kind: 'paragraph', text, at: { line: 0 } }
            : { kind: 'paragraph', text, style: this.styles.names.get(styleId) ?? styleId, at: { line: 0 } };
        this.pushBlock(block, para.firstAt ?? this.events.length);
      }
      if (para.sectionEnd) {
        this.pendingSection = this.events.length;
        this.events.push(true);
        this.fresh = true;
      }
    } else if (parent.kind === 'p') {
      parent.parts.push('\n'); // a text box: its text is already there, set apart
    } else if (parent.kind === 'tc') {
      for (const line of para.parts.join('').split('\n')) {
        const text = collapse(line);
        if (text !== '') parent.lines.push(text);
      }
    }
    // Directly in a table, outside any cell: dropped.
  }

  private endCell(cell: CellFrame): void {
    this.frames.pop();
    const table = this.frames.at(-1);
    if (table?.kind !== 'tbl') return;
    const row = table.row ?? startRow(table);
    const rowIndex = table.rows.length - 1;
    const col = row.col;
    const text = cell.lines.join('\n');
    row.col += cell.colSpan;
    if (cell.vMerge === 'continue') {
      const owner = table.owners[col];
      if (owner !== undefined && owner.row === rowIndex - 1) {
        owner.row = rowIndex;
        owner.cell.rowSpan++;
        if (text !== '') owner.cell.text = owner.cell.text === '' ? text : `${owner.cell.text}\n${text}`;
        return;
      }
      // A continuation with nothing to continue: listed as a cell of its own (and may be continued).
    }
    const listed: Cell = { text, colSpan: cell.colSpan, rowSpan: 1 };
    row.cells.push(listed);
    for (let c = col; c < col + cell.colSpan; c++) table.owners[c] = undefined;
    if (cell.vMerge !== undefined) table.owners[col] = { cell: listed, row: rowIndex };
  }

  private endTable(table: TableFrame): void {
    this.frames.pop();
    this.tables.pop();
    endRow(table);
    const rows = table.rows.map((r) => r.cells);
    const parent = this.frames.at(-1);
    if (parent === undefined) {
      this.pushBlock({ kind: 'table', rows, at: { line: 0 } }, table.firstAt ?? table.startAt);
      return;
    }
    // A table in a cell (or a text box): its rows become lines of text there.
    const lines: string[] = [];
    for (const cells of rows) {
      const line = cells
        .map((c) => c.text.replace(/\n/g, ' '))
        .filter((t) => t !== '')
        .join(' ');
      if (line !== '') lines.push(line);
    }
    if (parent.kind === 'tc') for (const line of lines) parent.lines.push(line);
    else if (parent.kind === 'p') for (const line of lines) parent.parts.push('\n', line);
  }
}

function startRow(table: TableFrame): Row {
  endRow(table);
  const row: Row = { cells: [], col: 0, renderedBreak: false };
  table.rows.push(row);
  table.row = row;
  return row;
}

/** Vertical merges stop at the columns a row leaves out. */
function endRow(table: TableFrame): void {
  const row = table.row;
  if (row === undefined) return;
  if (table.owners.length > row.col) table.owners.length = row.col;
  table.row = undefined;
}

// ---------------------------------------------------------------------------------------------
// The package
// ---------------------------------------------------------------------------------------------

interface Entry {
  name: string;
  originalSize: number;
}

/** OPC part names compare case-insensitively; some zippers write backslashes or a leading '/'. */
function partName(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase();
}

/**
 * The end-of-central-directory record is there and the entry count it gives fits in the file
 * (each entry takes at least 46 bytes): checked before fflate walks a count from random bytes.
 */
function plausibleZip(b: Uint8Array): boolean {
  const n = b.length;
  const u32 = (at: number): number =>
    at >= 0 && at + 4 <= n
      ? ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0
      : -1;
  let e = n - 22;
  if (e < 0) return false;
  while (u32(e) !== 0x06054b50) {
    e--;
    if (e < 0 || n - e > 65558) return false;
  }
  let count = (b[e + 8] ?? 0) | ((b[e + 9] ?? 0) << 8);
  if (u32(e - 20) === 0x07064b50) {
    const z = u32(e - 12);
    if (u32(z) === 0x06064b50) count = u32(z + 32);
  }
  return count >= 0 && count * 46 <= n;
}

/** Every entry by part name (the first of duplicates), nothing unzipped. */
function listEntries(bytes: Uint8Array): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  unzipSync(bytes, {
    filter: (file) => {
      const key = partName(file.name);
      if (!entries.has(key)) entries.set(key, { name: file.name, originalSize: file.originalSize });
      return false;
    },
  });
  return entries;
}

/** One entry unzipped: at most its declared size, which was checked first. */
function extract(bytes: Uint8Array, entry: Entry): Uint8Array {
  let taken = false;
  const files = unzipSync(bytes, {
    filter: (file) => {
      if (taken || file.name !== entry.name) return false;
      taken = true;
      return true;
    },
  });
  return files[entry.name] ?? new Uint8Array(0);
}

/** Whether the bytes begin with `prefix` (a file's magic number). */
export function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** UTF-8 (or UTF-16 with its BOM, or a declared legacy encoding such as GBK), BOM stripped. */
function decodeXml(data: Uint8Array, part: string, notes: string[]): string {
  let text: string | undefined;
  if (startsWith(data, [0xff, 0xfe])) text = new TextDecoder('utf-16le').decode(data);
  else if (startsWith(data, [0xfe, 0xff])) {
    try {
      text = new TextDecoder('utf-16be').decode(data);
    } catch {
      notes.push(`${part} 是 UTF-16BE 编码，无法解码`);
      text = '';
    }
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(data);
    } catch {
      // Not UTF-8: a legacy encoding the XML declaration names (GBK…), else UTF-8 with replacements.
      const head = new TextDecoder('latin1').decode(data.subarray(0, 200));
      const declared =
        /^(?:\u00EF\u00BB\u00BF)?<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]{1,40})["']/.exec(head)?.[1];
      if (declared !== undefined && !/^utf-?8$/i.test(declared)) {
        try {
          text = new TextDecoder(declared).decode(data);
        } catch {
          // an unknown label
        }
      }
      if (text === undefined) {
        notes.push(`${part} 含有无效的 UTF-8 字节，已替换为“\uFFFD”`);
        text = new TextDecoder('utf-8').decode(data);
      }
    }
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Where _rels/.rels says the main document is, when it is not word/document.xml. */
function mainPartFromRels(bytes: Uint8Array, entries: Map<string, Entry>): string | undefined {
  const rels = entries.get(PACKAGE_RELS);
  if (rels === undefined || rels.originalSize > 1024 * 1024) return undefined;
  let xml: string;
  try {
    xml = decodeXml(extract(bytes, rels), PACKAGE_RELS, []);
  } catch {
    return undefined;
  }
  let target: string | undefined;
  scanXml(xml, {
    open(qname, attrs) {
      if (target !== undefined || !/(?:^|:)Relationship$/.test(qname)) return;
      if ((attr(attrs, 'Type') ?? '').endsWith('/officeDocument')) target = attr(attrs, 'Target');
    },
    close() {
      // nothing to do
    },
    text() {
      // nothing to do
    },
  });
  return target === undefined ? undefined : partName(target);
}

function notZip(bytes: Uint8Array, name: string): ReadError {
  const ole = startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return new ReadError(
    `“${name}”不是有效的 Word 文档（.docx）：无法解压` +
      (ole ? '（像是旧版 .doc 或加密的文档，请在 Word 中另存为不加密的 .docx）' : ''),
  );
}

function readStylesPart(bytes: Uint8Array, entries: Map<string, Entry>, notes: string[]): Styles {
  const entry = entries.get(STYLES_PART);
  if (entry === undefined) return noStyles();
  if (entry.originalSize > MAX_UNZIPPED) {
    notes.push(`${STYLES_PART} 解压后超过 200 MB，已忽略，段落样式只给出样式 ID`);
    return noStyles();
  }
  let data: Uint8Array;
  try {
    data = extract(bytes, entry);
  } catch {
    notes.push(`${STYLES_PART} 无法解压，段落样式只给出样式 ID`);
    return noStyles();
  }
  return readStyles(decodeXml(data, STYLES_PART, notes), STYLES_PART, notes);
}

function read(bytes: Uint8Array, name: string): ReportDocument {
  if (!plausibleZip(bytes)) throw notZip(bytes, name);
  let entries: Map<string, Entry>;
  try {
    entries = listEntries(bytes);
  } catch {
    throw notZip(bytes, name);
  }
  const notes: string[] = [];
  let part = MAIN_PART;
  let entry = entries.get(MAIN_PART);
  if (entry === undefined) {
    const target = mainPartFromRels(bytes, entries);
    entry = target === undefined ? undefined : entries.get(target);
    if (entry !== undefined) {
      part = entry.name;
      notes.push(`正文不在 ${MAIN_PART}，按 _rels/.rels 读取了 ${part}`);
    }
  }
  if (entry === undefined) throw new ReadError(`“${name}”缺少 ${MAIN_PART}，可能不是 Word 文档`);
  const tooBig = (): ReadError => new ReadError(`“${name}”中的 ${part} 解压后超过 200 MB，不予读取`);
  if (entry.originalSize > MAX_UNZIPPED) throw tooBig();
  let data: Uint8Array;
  try {
    data = extract(bytes, entry);
  } catch {
    throw notZip(bytes, name);
  }
  if (data.length > MAX_UNZIPPED) throw tooBig();
  const xml = decodeXml(data, part, notes);
  const styles = readStylesPart(bytes, entries, notes);

  const reader = new BodyReader(styles);
  const scan = scanXml(xml, reader);
  if (!reader.sawWord) throw new ReadError(`“${name}”的 ${part} 已损坏，读不出任何内容`);
  reader.finish();
  problemNotes(part, scan, notes);
  return { name, format: 'docx', blocks: reader.blocks, notes };
}

/**
 * Reads a .docx: the blocks of word/document.xml in order with their positions, paragraph styles
 * by name. Throws only `ReadError` (not a zip, no word/document.xml, a part over 200 MB unzipped,
 * nothing readable); anything else odd is skipped and told in `notes`.
 */
export function readDocx(bytes: Uint8Array, name: string): ReportDocument {
  try {
    return read(bytes, name);
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw new ReadError(`“${name}”读取失败：${e instanceof Error ? e.message : String(e)}`);
  }
}
