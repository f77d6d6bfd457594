/** Collects the blocks of one document part, numbering headings, tables and figures from their position. */
import type { FileChild, Paragraph, ParagraphChild, Table } from 'docx';
import type { Figure } from '../charts/index.ts';
import { figureImage } from './charts.ts';
import type { PendingImage } from './media.ts';
import { Outline } from './numbering.ts';
import { body, caption, figureCaption, headingParagraph } from './style.ts';

export class Writer {
  readonly blocks: FileChild[] = [];
  /** Images still being drawn, to be put in once the document is packed. */
  readonly images: PendingImage[] = [];
  private readonly outline = new Outline();
  private tables = 0;
  private figures = 0;

  /** A numbered heading (一、 / （一） / 1. / （1）). */
  h(level: 1 | 2 | 3 | 4, text: string): this {
    this.blocks.push(headingParagraph(level, this.outline.next(level), text));
    return this;
  }

  /** A body paragraph; empty text is skipped. */
  p(text: string | readonly ParagraphChild[]): this {
    if (typeof text === 'string' && text.trim() === '') return this;
    this.blocks.push(body(text));
    return this;
  }

  /** The next number at a level without a heading paragraph (for numbered body paragraphs). */
  number(level: number): string {
    return this.outline.next(level);
  }

  /** A table under its caption "表N title", numbered in document order. */
  table(title: string, table: Table): this {
    this.blocks.push(caption(`表${String(++this.tables)} ${title}`), table);
    return this;
  }

  /** A chart over its caption "图N title", numbered in document order; nothing without a chart. */
  figure(title: string, chart: Figure | undefined): this {
    if (!chart) return this;
    const { paragraph, pending } = figureImage(chart);
    this.images.push(pending);
    this.blocks.push(paragraph, figureCaption(`图${String(++this.figures)} ${title}`));
    return this;
  }

  add(...blocks: (FileChild | Paragraph)[]): this {
    this.blocks.push(...blocks);
    return this;
  }
}
