/**
 * The CJK font cut down to the characters the charts show, for resvg.
 *
 * resvg's WebAssembly build takes fonts as bytes for every drawing, and copies them twice (into a
 * JavaScript array, then into its own memory): 19 MB of Noto Sans CJK per report, which also kept
 * the garbage collector busy — half again the CPU of the drawing itself. HarfBuzz's subsetter
 * (`harfbuzzjs`, WebAssembly in the npm package) cuts the face the charts ask for down to the
 * characters drawn so far, ~20 kB; the subset grows when a chart shows a character it lacks (a
 * few ms, and rarely: a region's reports share their group names). Glyphs, metrics and layout
 * tables of the kept characters are HarfBuzz's own, so the charts look the same. When subsetting
 * fails, the whole font is used.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

interface HarfBuzz {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(ptr: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

const READONLY = 1; // HB_MEMORY_MODE_READONLY: HarfBuzz reads the bytes where they are

/** The WebAssembly global (the project's type library has no DOM types, where it is declared). */
const { WebAssembly: wasmApi } = globalThis as unknown as {
  WebAssembly: { instantiate(bytes: Uint8Array): Promise<{ instance: { exports: unknown } }> };
};

async function loadHarfBuzz(): Promise<HarfBuzz> {
  const wasm = await readFile(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm'));
  const { instance } = await wasmApi.instantiate(wasm);
  return instance.exports as HarfBuzz;
}

const utf16 = new TextDecoder('utf-16be');

/** A face's family names (name IDs 1 and 16, Windows and Mac records) from its table directory. */
function familyNames(font: Uint8Array, dirOffset: number): string[] {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = view.getUint16(dirOffset + 4);
  for (let i = 0; i < tables; i++) {
    const record = dirOffset + 12 + 16 * i;
    if (String.fromCharCode(...font.subarray(record, record + 4)) !== 'name') continue;
    const table = view.getUint32(record + 8);
    const count = view.getUint16(table + 2);
    const strings = table + view.getUint16(table + 4);
    const names: string[] = [];
    for (let k = 0; k < count; k++) {
      const r = table + 6 + 12 * k;
      const [platform, nameId, length, offset] = [
        view.getUint16(r),
        view.getUint16(r + 6),
        view.getUint16(r + 8),
        view.getUint16(r + 10),
      ];
      if (nameId !== 1 && nameId !== 16) continue;
      const bytes = font.subarray(strings + offset, strings + offset + length);
      if (platform === 3 || platform === 0) names.push(utf16.decode(bytes));
      else if (platform === 1) names.push(String.fromCharCode(...bytes));
    }
    return names;
  }
  return [];
}

/** The index of the face named `family` in a font collection (0 for a single font or no match). */
export function faceIndex(font: Uint8Array, family: string): number {
  if (font.length < 12) return 0;
  const tag = String.fromCharCode(...font.subarray(0, 4));
  if (tag !== 'ttcf') return 0;
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const faces = view.getUint32(8);
  for (let i = 0; i < faces; i++) {
    const names = familyNames(font, view.getUint32(12 + 4 * i));
    if (names.includes(family)) return i;
  }
  return 0;
}

/** One font file in HarfBuzz's memory, and the subset cut from it so far. */
export class FontSubsetter {
  private readonly hb: HarfBuzz;
  private readonly face: number;
  private readonly kept = new Set<number>();
  private bytes: Uint8Array | undefined;

  private constructor(hb: HarfBuzz, face: number) {
    this.hb = hb;
    this.face = face;
  }

  /** Loads `font` (its bytes stay in HarfBuzz's memory for the thread's life) at the face `family`. */
  static async open(font: Uint8Array, family: string): Promise<FontSubsetter> {
    const hb = await loadHarfBuzz();
    const ptr = hb.malloc(font.length);
    if (ptr === 0) throw new Error('HarfBuzz: out of memory for the font');
    new Uint8Array(hb.memory.buffer, ptr, font.length).set(font);
    const blob = hb.hb_blob_create(ptr, font.length, READONLY, 0, 0);
    const face = hb.hb_face_create(blob, faceIndex(font, family));
    hb.hb_blob_destroy(blob);
    return new FontSubsetter(hb, face);
  }

  /** A font with at least the characters of `text` (and all kept before); undefined if HarfBuzz fails. */
  fontFor(text: string): Uint8Array | undefined {
    let grown = this.bytes === undefined;
    for (const ch of text) {
      const cp = ch.codePointAt(0) ?? 0;
      if (!this.kept.has(cp)) {
        this.kept.add(cp);
        grown = true;
      }
    }
    if (grown) this.bytes = this.cut();
    return this.bytes;
  }

  private cut(): Uint8Array | undefined {
    const hb = this.hb;
    const input = hb.hb_subset_input_create_or_fail();
    if (input === 0) return undefined;
    try {
      const set = hb.hb_subset_input_unicode_set(input);
      for (const cp of this.kept) hb.hb_set_add(set, cp);
      const subset = hb.hb_subset_or_fail(this.face, input);
      if (subset === 0) return undefined;
      const blob = hb.hb_face_reference_blob(subset);
      try {
        const data = hb.hb_blob_get_data(blob, 0);
        const length = hb.hb_blob_get_length(blob);
        return length === 0 ? undefined : new Uint8Array(hb.memory.buffer, data, length).slice();
      } finally {
        hb.hb_blob_destroy(blob);
        hb.hb_face_destroy(subset);
      }
    } finally {
      hb.hb_subset_input_destroy(input);
    }
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The characters an SVG draws as text: the content of its <text> and <tspan> elements, unescaped. */
export function svgText(svg: string): string {
  let out = '';
  for (const m of svg.matchAll(/<(?:text|tspan)\b[^>]*>([^<]*)/g)) {
    out += (m[1] ?? '').replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, e: string) => {
      if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
      if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
      return ENTITIES[e] ?? whole;
    });
  }
  return out;
}
