/** Collects the blocks of one document part, numbering headings from their position. */
import type { FileChild, Paragraph, ParagraphChild } from 'docx';
import { Outline } from './numbering.ts';
import { body, headingParagraph } from './style.ts';

export class Writer {
  readonly blocks: FileChild[] = [];
  private readonly outline = new Outline();

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

  add(...blocks: (FileChild | Paragraph)[]): this {
    this.blocks.push(...blocks);
    return this;
  }
}
