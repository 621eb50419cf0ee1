import { deflateSync } from 'node:zlib';
import { compareImages, decodePng } from './png';

/** Builds a PNG by hand (RGB, 8-bit) with the given filter type on every row, from raw pixels. */
function encodePng(width: number, height: number, rgb: number[], filter: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = (crcTable[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(typed));
    return Buffer.concat([head, typed, tail]);
  };
  const stride = width * 3;
  const at = (y: number, x: number) => (y < 0 || x < 0 ? 0 : (rgb[y * stride + x] ?? 0));
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(filter);
    for (let x = 0; x < stride; x++) {
      const a = at(y, x - 3);
      const b = at(y - 1, x);
      const c = at(y - 1, x - 3);
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predicted = [0, a, b, (a + b) >> 1, paeth][filter] ?? 0;
      rows.push((at(y, x) - predicted) & 0xff);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const WIDTH = 5;
const HEIGHT = 4;
const PIXELS = Array.from({ length: WIDTH * HEIGHT * 3 }, (_, i) => (i * 37 + (i % 7) * 11) & 0xff);

describe('decodePng', () => {
  test.each([0, 1, 2, 3, 4])('decodes rows with filter type %i to the original pixels', (filter) => {
    const image = decodePng(encodePng(WIDTH, HEIGHT, PIXELS, filter));
    expect([image.width, image.height]).toEqual([WIDTH, HEIGHT]);
    const rgb = [...image.data].filter((_, i) => i % 4 !== 3);
    expect(rgb).toEqual(PIXELS);
    expect([...image.data].filter((_, i) => i % 4 === 3).every((alpha) => alpha === 255)).toBe(true);
  });

  test('refuses what is not a PNG', () => {
    expect(() => decodePng(Buffer.from('GIF89a...'))).toThrow('not a PNG file');
  });
});

describe('compareImages', () => {
  const base = decodePng(encodePng(WIDTH, HEIGHT, PIXELS, 0));

  test('finds no difference between an image and itself', () => {
    expect(compareImages(base, base)).toEqual({ sameSize: true, differentPixels: 0, ratio: 0 });
  });

  test('counts a pixel that changed beyond the threshold, ignores one within it', () => {
    const changed = PIXELS.slice();
    changed[0] = (changed[0]! + 128) & 0xff;
    changed[4] = (changed[4]! + 10) & 0xff;
    const diff = compareImages(decodePng(encodePng(WIDTH, HEIGHT, changed, 0)), base, 48);
    expect(diff).toEqual({ sameSize: true, differentPixels: 1, ratio: 1 / (WIDTH * HEIGHT) });
  });

  test('reports a different size as entirely different', () => {
    const other = decodePng(encodePng(WIDTH, HEIGHT - 1, PIXELS.slice(0, WIDTH * (HEIGHT - 1) * 3), 0));
    expect(compareImages(other, base)).toMatchObject({ sameSize: false, ratio: 1 });
  });
});
