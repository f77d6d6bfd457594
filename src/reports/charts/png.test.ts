import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { crc32, crc32Js } from '../bytes.ts';
import { encodePng } from './png.ts';

interface Decoded {
  width: number;
  height: number;
  colourType: number;
  pixels: Uint8Array;
}

/** A minimal PNG reader for what encodePng writes (8-bit, filter 0), checking every chunk's CRC. */
function decode(png: Uint8Array): Decoded {
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Uint8Array[] = [];
  for (;;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + length);
    assert.equal(
      view.getUint32(at + 8 + length),
      crc32Js(png.subarray(at + 4, at + 8 + length)),
      `${type} CRC`,
    );
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      colourType = data[9] ?? -1;
      assert.equal(data[8], 8, 'bit depth');
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + length;
    if (type === 'IEND') break;
  }
  assert.equal(at, png.length, 'nothing after IEND');
  const raw = inflateSync(Buffer.concat(idat));
  const channels = colourType === 6 ? 4 : 3;
  const stride = width * channels + 1;
  assert.equal(raw.length, stride * height);
  const pixels = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    assert.equal(raw[y * stride], 0, 'filter None');
    pixels.set(raw.subarray(y * stride + 1, (y + 1) * stride), y * width * channels);
  }
  return { width, height, colourType, pixels };
}

describe('bytes: crc32', () => {
  it('gives the check value of the standard ("123456789" → CBF43926)', () => {
    const bytes = new TextEncoder().encode('123456789');
    assert.equal(crc32Js(bytes), 0xcbf43926);
    assert.equal(crc32(bytes), 0xcbf43926);
  });

  it('the JavaScript and native CRC agree, in one piece or continued', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(300), (bytes, cut) => {
        const at = Math.min(cut, bytes.length);
        assert.equal(crc32Js(bytes), crc32(bytes));
        assert.equal(crc32Js(bytes.subarray(at), crc32Js(bytes.subarray(0, at))), crc32(bytes));
      }),
    );
  });
});

describe('png: encodePng', () => {
  it('opaque pixels come back exactly, as RGBA', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.nat(), (w, h, seed) => {
        const rgba = new Uint8Array(w * h * 4).map((_, i) => (i % 4 === 3 ? 255 : (seed * 31 + i * 7) & 255));
        for (const opaque of [true, false]) {
          const d = decode(encodePng(rgba, w, h, { opaque }));
          assert.deepEqual([d.width, d.height, d.colourType], [w, h, 6]);
          assert.deepEqual(d.pixels, rgba);
        }
      }),
    );
  });

  it('premultiplied translucent pixels are written straight (un-premultiplied)', () => {
    // 50% red over nothing is premultiplied (128, 0, 0, 128); straight it is (255, 0, 0, 128).
    const rgba = Uint8Array.of(128, 0, 0, 128, 0, 0, 0, 0, 10, 20, 30, 255);
    const d = decode(encodePng(rgba, 3, 1));
    assert.deepEqual([...d.pixels], [255, 0, 0, 128, 0, 0, 0, 0, 10, 20, 30, 255]);
    assert.deepEqual([...rgba.subarray(0, 4)], [128, 0, 0, 128], 'the input is left as it was');
  });

  it('refuses a size that does not match the pixels', () => {
    assert.throws(() => encodePng(new Uint8Array(12), 2, 2), RangeError);
    assert.throws(() => encodePng(new Uint8Array(0), 0, 0), RangeError);
  });
});
