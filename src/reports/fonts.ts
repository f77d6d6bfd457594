/**
 * Where the CJK fonts are. Charts are rasterised with resvg, which is given font files explicitly
 * (no system font scan); without a CJK font the charts are skipped rather than drawn with tofu boxes.
 */
import { existsSync } from 'node:fs';

export interface CjkFont {
  /** Font files to load (regular first; a bold face when there is one). */
  files: string[];
  /** The family name to ask for in the SVG. */
  family: string;
}

interface Candidate {
  regular: string;
  bold?: string;
  family: string;
}

const NOTO_SANS = 'Noto Sans CJK SC';

/** Known places, most likely first: Debian/Ubuntu fonts-noto-cjk, Fedora, Arch, Alpine, macOS, Windows. */
const CANDIDATES: readonly Candidate[] = [
  {
    regular: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    bold: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
    family: NOTO_SANS,
  },
  {
    regular: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
    bold: '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc',
    family: NOTO_SANS,
  },
  {
    regular: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
    bold: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc',
    family: NOTO_SANS,
  },
  {
    regular: '/usr/share/fonts/noto-cjk/NotoSansCJKsc-Regular.otf',
    bold: '/usr/share/fonts/noto-cjk/NotoSansCJKsc-Bold.otf',
    family: NOTO_SANS,
  },
  { regular: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', family: 'WenQuanYi Micro Hei' },
  { regular: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYi Zen Hei' },
  { regular: '/System/Library/Fonts/PingFang.ttc', family: 'PingFang SC' },
  { regular: '/System/Library/Fonts/STHeiti Light.ttc', family: 'Heiti SC' },
  {
    regular: 'C:\\Windows\\Fonts\\msyh.ttc',
    bold: 'C:\\Windows\\Fonts\\msyhbd.ttc',
    family: 'Microsoft YaHei',
  },
  { regular: 'C:\\Windows\\Fonts\\simhei.ttf', family: 'SimHei' },
];

/** The candidate list (exported for diagnostics and tests). */
export function cjkFontCandidates(): readonly string[] {
  return CANDIDATES.map((c) => c.regular);
}

/**
 * The first CJK font found. JIXIAO_CJK_FONT (a font file path) overrides the search; when it names
 * a file that does not exist the result is undefined, so charts are skipped (never rendered blind).
 */
export function findCjkFonts(env: NodeJS.ProcessEnv = process.env): CjkFont | undefined {
  const override = env['JIXIAO_CJK_FONT'];
  if (override !== undefined && override !== '') {
    // resvg falls back to any loaded font holding the glyphs, so the family name is only a hint.
    return existsSync(override) ? { files: [override], family: NOTO_SANS } : undefined;
  }
  for (const c of CANDIDATES) {
    if (!existsSync(c.regular)) continue;
    const files = c.bold !== undefined && existsSync(c.bold) ? [c.regular, c.bold] : [c.regular];
    return { files, family: c.family };
  }
  return undefined;
}

/** Why charts are missing, for a warning shown to the user. */
export const NO_CJK_FONT_MESSAGE =
  '未找到中文字体，已跳过图表；请安装 fonts-noto-cjk（Debian: apt-get install fonts-noto-cjk）或设置 JIXIAO_CJK_FONT 指向中文字体文件';
