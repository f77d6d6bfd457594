import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { cjkFontCandidates, findCjkFonts } from './fonts.ts';

const FONTS_CONF = fileURLToPath(new URL('../../assets/fontconfig/fonts.conf', import.meta.url));

describe('fonts: findCjkFonts', () => {
  it('JIXIAO_CJK_FONT overrides the search; a missing file means no font', () => {
    const file = fileURLToPath(import.meta.url); // any existing file stands in for a font
    assert.deepEqual(findCjkFonts({ JIXIAO_CJK_FONT: file }), { files: [file], family: 'Noto Sans CJK SC' });
    assert.equal(findCjkFonts({ JIXIAO_CJK_FONT: '/nonexistent/font.ttc' }), undefined);
  });

  it('finds Debian fonts-noto-cjk first', () => {
    assert.equal(cjkFontCandidates()[0], '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc');
    const found = findCjkFonts({});
    if (found === undefined && process.env['CI'] === undefined) return; // no CJK font on this machine
    assert.ok(found?.files[0]?.endsWith('.ttc') || found?.files[0]?.endsWith('.otf'));
  });
});

function fcMatch(family: string): string | undefined {
  try {
    return execFileSync('fc-match', ['-f', '%{family[0]}', family], {
      encoding: 'utf8',
      env: { ...process.env, FONTCONFIG_FILE: FONTS_CONF },
    });
  } catch {
    return undefined;
  }
}

const haveNoto = fcMatch('Noto Serif CJK SC') === 'Noto Serif CJK SC';

describe(
  'fonts: fontconfig aliases (assets/fontconfig/fonts.conf)',
  { skip: !haveNoto && process.env['CI'] === undefined },
  () => {
    const serif = [
      '宋体',
      'SimSun',
      '仿宋',
      'FangSong',
      '仿宋_GB2312',
      '楷体',
      'KaiTi',
      '方正小标宋',
      '方正小标宋简体',
    ];
    for (const family of serif)
      it(`${family} → Noto Serif CJK SC`, () => {
        assert.equal(fcMatch(family), 'Noto Serif CJK SC');
      });
    for (const family of ['黑体', 'SimHei', '微软雅黑'])
      it(`${family} → Noto Sans CJK SC`, () => {
        assert.equal(fcMatch(family), 'Noto Sans CJK SC');
      });
  },
);
