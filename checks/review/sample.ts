import { createHash } from 'node:crypto';

/** A 32-bit generator (mulberry32): small, fast, and the same sequence for the same seed everywhere. */
function mulberry32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Draws `size` items without replacement, reproducibly: the same seed and the same items (in
 * any order) give the same sample, so a reviewer or an auditor can redraw it later. Callers pass
 * items in a canonical order (see `worksheet.ts`); the sample keeps that order.
 */
export function seededSample<T>(items: readonly T[], size: number, seed: string): T[] {
  const random = mulberry32(createHash('sha256').update(seed).digest().readUInt32BE(0));
  const indexes = items.map((_, i) => i);
  const take = Math.min(Math.max(0, Math.floor(size)), items.length);
  // Partial Fisher-Yates: the first `take` slots end up a uniform sample.
  for (let i = 0; i < take; i++) {
    const j = i + Math.floor(random() * (indexes.length - i));
    [indexes[i], indexes[j]] = [indexes[j] as number, indexes[i] as number];
  }
  return indexes
    .slice(0, take)
    .sort((a, b) => a - b)
    .map((i) => items[i] as T);
}
