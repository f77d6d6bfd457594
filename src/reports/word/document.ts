/** Assembles parts (portrait text, landscape tables) into one .docx with page numbers and styles. */
import {
  AlignmentType,
  Document,
  type FileChild,
  Footer,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TableOfContents,
  TextRun,
} from 'docx';
import { type PendingImage, fillImages } from './media.ts';
import { FONT, LANDSCAPE_MARGIN, PAGE, SIZE, font, styles } from './style.ts';

export interface Part {
  landscape?: boolean;
  children: FileChild[];
  /** Images in `children` still being drawn (./media.ts). */
  images?: readonly PendingImage[];
}

/** "— 1 —" centred, 宋体 四号, as Chinese official documents number their pages. */
function footer(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        indent: { firstLine: 0 },
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(FONT.song), size: SIZE.sub }),
        ],
      }),
    ],
  });
}

/** The table of contents (headings 1–2), meant as a part of its own so the body starts a page; Word or the PDF step's LibreOffice refresh fills the page numbers. */
export function toc(): FileChild[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      indent: { firstLine: 0 },
      children: [new TextRun({ text: '目  录', font: font(FONT.hei), size: SIZE.body })],
    }),
    new TableOfContents('目录', { hyperlink: true, headingStyleRange: '1-2' }),
  ];
}

function section(part: Part) {
  const landscape = part.landscape === true;
  return {
    properties: {
      page: {
        size: {
          width: PAGE.width,
          height: PAGE.height,
          orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
        },
        margin: landscape ? LANDSCAPE_MARGIN : PAGE.margin,
      },
    },
    footers: { default: footer() },
    children: part.children,
  };
}

export async function pack(
  parts: readonly Part[],
  meta: { title: string; creator?: string },
): Promise<Uint8Array> {
  const doc = new Document({
    title: meta.title,
    creator: meta.creator ?? 'jixiao',
    styles: styles(),
    features: { updateFields: true },
    sections: parts.map(section),
  });
  const buf = await Packer.toBuffer(doc);
  const packed = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  return fillImages(
    packed,
    parts.flatMap((p) => p.images ?? []),
  );
}
