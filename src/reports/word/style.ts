/**
 * Chinese official-document conventions (GB/T 9704 flavoured): A4, margins 37/35/28/26 mm,
 * title 方正小标宋/宋体 22pt, body 仿宋 三号 (16pt) at a fixed 28pt line, heading 1 黑体,
 * heading 2 楷体 bold, heading 3–4 仿宋 bold. Fonts are named for East Asian text (w:eastAsia) so
 * Word and LibreOffice choose the CJK face; Latin digits use Times New Roman.
 */
import {
  AlignmentType,
  type IRunOptions,
  type IStylesOptions,
  LineRuleType,
  Paragraph,
  type ParagraphChild,
  TextRun,
  convertMillimetersToTwip,
} from 'docx';

export const FONT = {
  song: '宋体',
  fang: '仿宋',
  hei: '黑体',
  kai: '楷体',
  title: '方正小标宋简体',
  latin: 'Times New Roman',
} as const;

/** Sizes in half-points: 二号 22pt, 三号 16pt, 四号 14pt, 小四 12pt, 五号 10.5pt. */
export const SIZE = { title: 44, body: 32, sub: 28, small: 24, table: 21 } as const;

const LINE = 560; // fixed 28pt line in twips

export function font(eastAsia: string): { ascii: string; hAnsi: string; eastAsia: string; cs: string } {
  return { ascii: FONT.latin, hAnsi: FONT.latin, eastAsia, cs: FONT.latin };
}

/** A4 portrait in twips and the official margins. */
export const PAGE = {
  width: convertMillimetersToTwip(210),
  height: convertMillimetersToTwip(297),
  margin: {
    top: convertMillimetersToTwip(37),
    bottom: convertMillimetersToTwip(35),
    left: convertMillimetersToTwip(28),
    right: convertMillimetersToTwip(26),
    footer: convertMillimetersToTwip(20),
  },
} as const;

/** Text width of a portrait page and of a landscape page, in twips. */
export const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;
export const LANDSCAPE_TEXT_WIDTH = PAGE.height - PAGE.margin.left - PAGE.margin.right;

/** Landscape sections use narrower top/bottom margins so wide tables get more rows per page. */
export const LANDSCAPE_MARGIN = {
  top: convertMillimetersToTwip(25),
  bottom: convertMillimetersToTwip(25),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(26),
  footer: convertMillimetersToTwip(12),
} as const;

function heading(id: string, name: string, level: number, run: IRunOptions, keepNext = true) {
  return {
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { size: SIZE.body, ...run },
    paragraph: {
      outlineLevel: level,
      keepNext,
      indent: { firstLine: 640 },
      spacing: { line: LINE, lineRule: LineRuleType.EXACT },
    },
  };
}

function tocStyle(level: number) {
  return {
    id: `TOC${level}`,
    name: `toc ${level}`,
    basedOn: 'Normal',
    next: 'Normal',
    run: { font: font(FONT.fang), size: SIZE.sub },
    paragraph: { indent: { left: (level - 1) * 420, firstLine: 0 }, spacing: { line: 440 } },
  };
}

/** The document's styles: Normal (body), Title, Heading 1–4 with outline levels, TableText, TOC 1–3. */
export function styles(): IStylesOptions {
  return {
    default: {
      document: {
        run: { font: font(FONT.fang), size: SIZE.body },
        paragraph: {
          spacing: { line: LINE, lineRule: LineRuleType.EXACT },
          indent: { firstLine: 640 },
          // left, not justified: justification stretches lines around long tokens (【2020】22号)
          alignment: AlignmentType.LEFT,
        },
      },
    },
    paragraphStyles: [
      {
        id: 'Title',
        name: 'Title',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: font(FONT.title), size: SIZE.title },
        paragraph: {
          alignment: AlignmentType.CENTER,
          indent: { firstLine: 0 },
          spacing: { line: 720, lineRule: LineRuleType.EXACT, after: 240 },
        },
      },
      heading('Heading1', 'heading 1', 0, { font: font(FONT.hei) }),
      heading('Heading2', 'heading 2', 1, { font: font(FONT.kai), bold: true }),
      heading('Heading3', 'heading 3', 2, { font: font(FONT.fang), bold: true }),
      heading('Heading4', 'heading 4', 3, { font: font(FONT.fang) }),
      {
        id: 'TableText',
        name: 'Table Text',
        basedOn: 'Normal',
        run: { font: font(FONT.song), size: SIZE.table },
        paragraph: {
          alignment: AlignmentType.CENTER,
          indent: { firstLine: 0 },
          spacing: { line: 300, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        },
      },
      {
        id: 'Caption',
        name: 'caption',
        basedOn: 'Normal',
        next: 'Normal',
        run: { font: font(FONT.hei), size: SIZE.small },
        paragraph: {
          alignment: AlignmentType.CENTER,
          indent: { firstLine: 0 },
          keepNext: true,
          spacing: { before: 240, after: 80, line: 360, lineRule: LineRuleType.AUTO },
        },
      },
      tocStyle(1),
      tocStyle(2),
      tocStyle(3),
    ],
  };
}

/**
 * The document title (centred, 方正小标宋/宋体 22pt), one paragraph per line so a long title breaks
 * where it should (unit name, then the report name); every line but the last keeps with the next.
 */
export function title(lines: string | readonly string[]): Paragraph[] {
  const all = typeof lines === 'string' ? [lines] : lines;
  return all.map(
    (text, i) =>
      new Paragraph({
        style: 'Title',
        keepNext: i < all.length - 1,
        spacing: i < all.length - 1 ? { after: 0 } : undefined,
        children: [new TextRun(text)],
      }),
  );
}

/** A centred line under the title (unit, date). */
export function subtitle(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    indent: { firstLine: 0 },
    children: [new TextRun({ text, font: font(FONT.kai) })],
  });
}

/** A numbered heading: `number` is the text produced by Outline.next(level). */
export function headingParagraph(level: 1 | 2 | 3 | 4, number: string, text: string): Paragraph {
  return new Paragraph({ style: `Heading${level}`, children: [new TextRun(`${number}${text}`)] });
}

/** A body paragraph (仿宋, first line indented two characters). */
export function body(text: string | readonly ParagraphChild[]): Paragraph {
  const children = typeof text === 'string' ? [new TextRun(text)] : [...text];
  return new Paragraph({ children });
}

/** A run in bold inside a body paragraph (a lead-in such as the indicator name). */
export function bold(text: string): TextRun {
  const opts: IRunOptions = { text, bold: true }; // typed: TextRun(string | options) confuses the deprecation lint
  return new TextRun(opts);
}

export function plain(text: string): TextRun {
  return new TextRun(text);
}

/** A table caption (表1 …) above its table, kept with it. */
export function caption(text: string): Paragraph {
  return new Paragraph({ style: 'Caption', children: [new TextRun(text)] });
}

/** A figure caption (图1 …) below its image, with space after it before the text resumes. */
export function figureCaption(text: string): Paragraph {
  return new Paragraph({
    style: 'Caption',
    keepNext: false,
    spacing: { before: 60, after: 240 },
    children: [new TextRun(text)],
  });
}

/** A centred paragraph without indent (for images), kept with the caption below it, with space above. */
export function centred(children: ParagraphChild[]): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    indent: { firstLine: 0 },
    spacing: { before: 360, after: 0, line: 240, lineRule: LineRuleType.AUTO },
    children,
  });
}

/** A hairline paragraph between two tables that should look like one. */
export function gap(): Paragraph {
  return new Paragraph({
    indent: { firstLine: 0 },
    spacing: { line: 20, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    children: [],
  });
}
