import { isAscii } from 'node:buffer';

/**
 * A CloudTrail log file in the layout CloudTrail writes (`{"Records":[{"eventVersion":...},...]}`,
 * or a bare array of such records), cut at its record boundaries with native search and each
 * record parsed on its own: what one JSON.parse of the file costs, without ever holding the
 * file's parsed tree. The cut works on the decoded text, or on the decompressed bytes decoded a
 * few records at a time (no string of the whole file is made: a string that size lives in V8's
 * large-object space until the next full collection, so every file read would leave a megabyte
 * or more of garbage behind, which is where much of the audit's memory went at two million
 * events). Both give the same pieces: the separators are ASCII, and in valid UTF-8 an ASCII
 * byte only ever stands for itself.
 */

// CloudTrail writes every record with `eventVersion` first. In valid JSON this separator can
// only stand between two objects (its quote is preceded by `{`, so it opens a key; were it
// closing a string, `eventVersion` could not follow): each cut is at an object boundary.
const RECORD_HEAD = '{"eventVersion":';
const RECORD_SEPARATOR = '},{"eventVersion":';
const LAYOUTS = [
  { open: '{"Records":[', close: ']}', container: 'Records' },
  { open: '[', close: ']', container: '[]' },
] as const;

/** Each record of the file: its container (`Records` or `[]`), its index, its parsed value. */
export type EachRecord = (container: string, index: number, value: unknown) => void;

// The splitter's whitespace: space, tab, line feed, carriage return, byte-order mark.
const WS = new Set([0x20, 0x09, 0x0a, 0x0d, 0xfeff]);

/**
 * The records of `text`, handed to `each`: the container's name, or undefined (then the
 * general reader decides). A cut inside a record leaves a piece whose brackets do not balance,
 * which does not parse: so when every piece parses, the pieces are the array's elements, as
 * the streaming splitter would have found them.
 */
export function splitLogText(text: string, maxRecordChars: number, each: EachRecord): string | undefined {
  let start = 0;
  let end = text.length;
  // Past either end of the text charCodeAt is NaN, no whitespace: both loops stop there (an all-white text then matches no layout).
  while (WS.has(text.charCodeAt(start))) start++;
  while (WS.has(text.charCodeAt(end - 1))) end--;
  const layout = LAYOUTS.find((l) => text.startsWith(l.open, start) && text.startsWith(RECORD_HEAD, start + l.open.length) && text.endsWith(l.close, end));
  if (layout === undefined) return undefined;
  const n = cutRecords(text, start + layout.open.length, end - layout.close.length, 0, maxRecordChars, layout.container, each);
  return n === undefined ? undefined : layout.container;
}

/**
 * The records between `from` and `last` (the array's content), numbered from `index`: how many
 * there were, or undefined when a piece is too long or does not parse.
 */
function cutRecords(text: string, from: number, last: number, index: number, maxRecordChars: number, container: string, each: EachRecord): number | undefined {
  for (; ; index++) {
    const cut = text.indexOf(RECORD_SEPARATOR, from);
    const to = cut === -1 || cut >= last ? last : cut + 1;
    if (to - from > maxRecordChars) return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(from, to));
    } catch {
      return undefined;
    }
    each(container, index, value);
    if (to === last) return index + 1;
    from = to + 1;
  }
}

const BYTES = {
  head: Buffer.from(RECORD_HEAD),
  separator: Buffer.from(RECORD_SEPARATOR),
  layouts: LAYOUTS.map((l) => ({ open: Buffer.from(l.open), close: Buffer.from(l.close), container: l.container })),
  bom: Buffer.from('\uFEFF'),
};

/**
 * Bytes decoded at a time: blocks end at a record separator past this many bytes, so that a
 * block's string (a few records) stays in the young generation (V8 puts strings of 128 KiB or
 * more in the large-object space) and few decoding calls are made.
 */
const BLOCK_BYTES = 48 * 1024;

/**
 * `splitLogText` over the UTF-8 bytes of the text (`content` must be valid UTF-8: the caller
 * checked): the same records, or undefined, as the text split gives. The bytes are decoded a
 * block of whole records at a time, each block ending where a record separator starts (never
 * inside one: the separator cannot overlap itself, its only `}` being its first character), so
 * each block is cut as the text split cuts that stretch of the text.
 */
export function splitLogBytes(content: Buffer, maxRecordChars: number, each: EachRecord): string | undefined {
  let start = 0;
  let end = content.length;
  // Past either end a byte is undefined and `at` is false: both loops stop there. Where the end
  // passes back over the start (all white), no layout's opening matches from the start.
  for (;;) {
    if (WS.has(content[start])) start += 1;
    else if (at(content, BYTES.bom, start)) start += 3;
    else break;
  }
  for (;;) {
    if (WS.has(content[end - 1])) end -= 1;
    else if (at(content, BYTES.bom, end - 3)) end -= 3;
    else break;
  }
  const layout = BYTES.layouts.find((l) => at(content, l.open, start) && at(content, BYTES.head, start + l.open.length) && at(content, l.close, end - l.close.length));
  if (layout === undefined) return undefined;
  // Plain ASCII (what CloudTrail writes, bar the odd name) decodes byte for byte.
  const encoding = isAscii(content) ? 'latin1' : 'utf8';
  const last = end - layout.close.length;
  for (let from = start + layout.open.length, index = 0; ; ) {
    // Stryker disable next-line ArithmeticOperator: where a block ends changes only how much is decoded at once (it ends at a separator, and every separator is a cut either way): the same pieces
    const cut = from + BLOCK_BYTES >= last ? -1 : content.indexOf(BYTES.separator, from + BLOCK_BYTES);
    // No separator starts at or past `last` (only the close and whitespace follow it).
    const to = cut === -1 ? last : cut + 1;
    const block = content.toString(encoding, from, to);
    const n = cutRecords(block, 0, block.length, index, maxRecordChars, layout.container, each);
    if (n === undefined) return undefined;
    if (to === last) return layout.container;
    index = n;
    from = to + 1;
  }
}

/** `bytes` stands in `content` at `position`. */
function at(content: Buffer, bytes: Buffer, position: number): boolean {
  return position >= 0 && position + bytes.length <= content.length && content.compare(bytes, 0, bytes.length, position, position + bytes.length) === 0;
}
