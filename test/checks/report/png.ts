import { inflateSync } from 'node:zlib';

/** A decoded image: `data` holds RGBA, 4 bytes per pixel, row by row. */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

// Bound once: inside jest's vm sandbox every lookup of the global `Math` is slow, and the pixel
// loops below make millions of them.
const { abs, max } = Math;

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Bytes per pixel for the 8-bit colour types Chromium writes: greyscale, RGB, grey+alpha, RGBA. */
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Decodes the PNGs Chromium writes (8-bit, not interlaced, no palette) with node:zlib alone,
 * so comparing screenshots needs no image library. Anything else is refused, not guessed.
 */
export function decodePng(png: Buffer): RgbaImage {
  if (png.length < 8 || !png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let pos = 8; pos + 8 <= png.length; ) {
    const length = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const body = png.subarray(pos + 8, pos + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [bitDepth, colourType, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      channels = CHANNELS[colourType ?? -1] ?? 0;
      if (bitDepth !== 8 || channels === 0 || interlace !== 0) {
        throw new Error(`unsupported PNG (bit depth ${bitDepth}, colour type ${colourType}, interlace ${interlace})`);
      }
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    pos += 12 + length;
  }
  if (width === 0 || height === 0) throw new Error('PNG has no IHDR chunk');
  const inflated = inflateSync(Buffer.concat(idat));
  const raw = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.length);
  const stride = width * channels;
  if (raw.length < height * (stride + 1)) throw new Error('PNG image data is truncated');
  const pixels = unfilter(raw, height, stride, channels);
  return { width, height, data: toRgba(pixels, width * height, channels) };
}

function unfilter(raw: Uint8Array, height: number, stride: number, bpp: number): Uint8Array {
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const prev = row - stride;
    // One tight loop per filter type: the per-byte switch is what made decoding slow.
    if (filter === 0) {
      out.set(raw.subarray(src, src + stride), row);
    } else if (filter === 1) {
      for (let x = 0; x < stride; x++) out[row + x] = (raw[src + x]! + (x >= bpp ? out[row + x - bpp]! : 0)) & 0xff;
    } else if (filter === 2) {
      for (let x = 0; x < stride; x++) out[row + x] = (raw[src + x]! + (y > 0 ? out[prev + x]! : 0)) & 0xff;
    } else if (filter === 3) {
      for (let x = 0; x < stride; x++) {
        const a = x >= bpp ? out[row + x - bpp]! : 0;
        const b = y > 0 ? out[prev + x]! : 0;
        out[row + x] = (raw[src + x]! + ((a + b) >> 1)) & 0xff;
      }
    } else if (filter === 4) {
      for (let x = 0; x < stride; x++) {
        const a = x >= bpp ? out[row + x - bpp]! : 0;
        const b = y > 0 ? out[prev + x]! : 0;
        const c = y > 0 && x >= bpp ? out[prev + x - bpp]! : 0;
        out[row + x] = (raw[src + x]! + paeth(a, b, c)) & 0xff;
      }
    } else {
      throw new Error(`bad PNG filter type ${filter} in row ${y}`);
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = abs(p - a);
  const pb = abs(p - b);
  const pc = abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function toRgba(pixels: Uint8Array, count: number, channels: number): Uint8Array {
  if (channels === 4) return pixels;
  const out = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) {
    const s = i * channels;
    const grey = channels <= 2;
    out[i * 4] = pixels[s] ?? 0;
    out[i * 4 + 1] = pixels[grey ? s : s + 1] ?? 0;
    out[i * 4 + 2] = pixels[grey ? s : s + 2] ?? 0;
    out[i * 4 + 3] = channels === 2 ? (pixels[s + 1] ?? 255) : 255;
  }
  return out;
}

export interface ImageDiff {
  readonly sameSize: boolean;
  /** Pixels whose largest channel difference exceeds the threshold. */
  readonly differentPixels: number;
  readonly ratio: number;
}

/** Counts pixels that differ by more than `threshold` (0-255) in any channel: anti-aliasing noise stays below it. */
export function compareImages(actual: RgbaImage, expected: RgbaImage, threshold = 48): ImageDiff {
  if (actual.width !== expected.width || actual.height !== expected.height) {
    return { sameSize: false, differentPixels: max(actual.width * actual.height, expected.width * expected.height), ratio: 1 };
  }
  let differentPixels = 0;
  const a = actual.data;
  const b = expected.data;
  for (let i = 0; i < a.length; i += 4) {
    const d = max(abs(a[i]! - b[i]!), abs(a[i + 1]! - b[i + 1]!), abs(a[i + 2]! - b[i + 2]!), abs(a[i + 3]! - b[i + 3]!));
    if (d > threshold) differentPixels++;
  }
  return { sameSize: true, differentPixels, ratio: differentPixels / (actual.width * actual.height) };
}
