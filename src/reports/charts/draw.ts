/**
 * Drawing one chart: echarts server-side SVG, rasterised by resvg's WebAssembly build with an
 * explicit CJK font, encoded by ./png.ts. Runs on a chart thread (./worker.ts) or, when threads are
 * off, on the calling thread; the same spec gives the same bytes either way.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Resvg, initWasm } from '@resvg/resvg-wasm';
import type { CjkFont } from '../fonts.ts';
import { encodePng } from './png.ts';
import { FontSubsetter, svgText } from './subset.ts';
import { type ChartSpec, PNG_WIDTH, WIDTH } from './spec.ts';

type Echarts = typeof import('echarts/core');
let echartsModule: Promise<Echarts> | undefined;

/**
 * echarts' core with only what the charts use (bars, grid, title, legend, SVG): setOption runs every
 * registered processor, so the full build costs ~20% more a chart and ~0.3 s more to load.
 */
async function load(): Promise<Echarts> {
  const [core, charts, components, renderers] = await Promise.all([
    import('echarts/core'),
    import('echarts/charts'),
    import('echarts/components'),
    import('echarts/renderers'),
  ]);
  core.use([
    charts.BarChart,
    components.GridComponent,
    components.TitleComponent,
    components.LegendComponent,
    renderers.SVGRenderer,
  ]);
  return core;
}

/** Loaded when the first chart is drawn. */
function loadEcharts(): Promise<Echarts> {
  echartsModule ??= load();
  return echartsModule;
}

let wasmReady: Promise<void> | undefined;
const fontBytes = new Map<string, Promise<Uint8Array>>();

/** resvg's WebAssembly build, initialised once per thread from the file inside the npm package. */
function ready(): Promise<void> {
  wasmReady ??= readFile(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')).then(
    (wasm) => initWasm(wasm),
  );
  return wasmReady;
}

/** The regular face's bytes, read once: the native resvg re-read the 19 MB file for every text run. */
function regularFace(font: CjkFont): Promise<Uint8Array> {
  const file = font.files[0] ?? '';
  let bytes = fontBytes.get(file);
  if (bytes === undefined) {
    bytes = readFile(file).then((b) => new Uint8Array(b));
    fontBytes.set(file, bytes);
  }
  return bytes;
}

const subsetters = new Map<string, Promise<FontSubsetter | undefined>>();

/** The face cut down to `text` (see ./subset.ts), or the whole face when that cannot be done. */
async function faceFor(font: CjkFont, text: string, subset: boolean): Promise<Uint8Array> {
  const whole = await regularFace(font);
  if (!subset) return whole;
  const key = `${font.files[0] ?? ''}\n${font.family}`;
  let subsetter = subsetters.get(key);
  if (subsetter === undefined) {
    subsetter = FontSubsetter.open(whole, font.family).catch(() => undefined);
    subsetters.set(key, subsetter);
  }
  return (await subsetter)?.fontFor(text) ?? whole;
}

async function toSvg(spec: ChartSpec, font: CjkFont): Promise<string> {
  const echarts = await loadEcharts();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height: spec.height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: 'transparent', // resvg fills the white ground (see drawCharts)
      textStyle: { fontFamily: font.family, fontSize: 14, color: '#333333' },
      ...spec.option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The smallest height step whose PNG height is a whole number of pixels (8 px: 8 × 1200/640 = 15). */
const STEP = WIDTH / gcd(WIDTH, PNG_WIDTH);

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/**
 * The charts stacked in one SVG, each at a y that falls on a whole pixel (drawn on white):
 * resvg then loads the 19 MB CJK font and prepares its text shaping once for all the charts of a
 * report (~4 ms per resvg instance), not once per chart. Each chart's content is moved into a
 * translated group — a nested <svg> or a clip path would make resvg render it through an offscreen
 * layer, 5–8× slower; echarts keeps a chart's drawing inside its own box, so nothing spills over.
 */
function sheet(svgs: readonly string[], specs: readonly ChartSpec[]): { svg: string; tops: number[] } {
  const tops: number[] = [];
  const parts: string[] = [];
  let y = 0;
  specs.forEach((spec, i) => {
    tops.push(y);
    const inner = (svgs[i] ?? '').replace(/^\s*<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
    parts.push(`<g transform="translate(0 ${String(y)})">${inner}</g>`);
    y += Math.ceil((spec.height + 1) / STEP) * STEP;
  });
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${String(WIDTH)}" ` +
    `height="${String(y)}" viewBox="0 0 ${String(WIDTH)} ${String(y)}">` +
    `${parts.join('')}</svg>`;
  return { svg, tops };
}

/**
 * The PNG of each chart, drawn together (see sheet). `subset: false` gives resvg the whole font
 * rather than the characters drawn (tests compare the two).
 */
export async function drawCharts(
  specs: readonly ChartSpec[],
  font: CjkFont,
  opts: { subset?: boolean } = {},
): Promise<Uint8Array[]> {
  if (specs.length === 0) return [];
  const svgs: string[] = [];
  for (const spec of specs) svgs.push(await toSvg(spec, font));
  const { svg, tops } = sheet(svgs, specs);
  await ready();
  const face = await faceFor(font, svgText(svg), opts.subset !== false);
  const resvg = new Resvg(svg, {
    font: { fontBuffers: [face], loadSystemFonts: false, defaultFontFamily: font.family },
    fitTo: { mode: 'width', value: PNG_WIDTH },
    // the white ground, filled before drawing: cheaper than a white rectangle under each chart
    background: '#ffffff',
  });
  try {
    const image = resvg.render();
    try {
      const pixels = image.pixels;
      const width = image.width;
      const scale = PNG_WIDTH / WIDTH;
      return specs.map((spec, i) => {
        const top = Math.round((tops[i] ?? 0) * scale);
        const rows = Math.min(Math.round(spec.height * scale), image.height - top);
        // drawn on an opaque white ground: every pixel is opaque
        return encodePng(pixels.subarray(top * width * 4, (top + rows) * width * 4), width, rows, {
          opaque: true,
        });
      });
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}
