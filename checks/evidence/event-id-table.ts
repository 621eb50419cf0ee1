/**
 * The first copy of every eventID seen in the window, in about 24 bytes an event: an entry of
 * 16 bytes (the id hash's high word, two words the sink chooses: the fingerprint of an event
 * nobody keeps, or where the kept copy is; and a word of its own: the input it came from, and
 * a flag) appended to fixed-size chunks that are never copied, and an open-addressing index
 * (linear probing) of 8 bytes a slot: the id hash's low word and the entry's number. A Map of id
 * strings would cost ten times that per event. Growing copies only the index, so a doubling
 * leaves at most the old index behind as garbage (a table of whole slots left its whole old
 * self: tens of megabytes of buffers that wait for a full collection to be freed). This is what
 * lets memory follow the candidate events rather than the event count.
 */
export class EventIdTable {
  private readonly chunks: Uint32Array[] = [];
  /** Two words a slot: id hash low word, entry number + 1 (0: empty). */
  private index: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let capacity = 1;
    while (capacity < initialCapacity) capacity *= 2;
    this.index = new Uint32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Records the first copy of an id; for a later copy, returns what the first stored (the caller
   * compares) and changes nothing.
   */
  firstCopy(idHi: number, idLo: number, a: number, b: number, meta: number): { a: number; b: number; meta: number } | undefined {
    if ((this.count + 1) * 10 > (this.mask + 1) * 7) this.grow();
    const x = this.index;
    for (let i = slotOf(idHi, idLo, this.mask); ; i = (i + 1) & this.mask) {
      const entry = x[2 * i + 1];
      if (entry === 0) {
        x[2 * i] = idLo;
        x[2 * i + 1] = this.append(idHi, a, b, meta) + 1;
        return undefined;
      }
      if (x[2 * i] !== idLo) continue;
      const n = entry - 1;
      const chunk = this.chunks[n >>> CHUNK_BITS];
      const at = (n & CHUNK_MASK) * ENTRY;
      if (chunk[at] === idHi) return { a: chunk[at + 1], b: chunk[at + 2], meta: chunk[at + 3] };
    }
  }

  /** The entry's number. */
  private append(idHi: number, a: number, b: number, meta: number): number {
    const n = this.count;
    if ((n & CHUNK_MASK) === 0) this.chunks.push(new Uint32Array(CHUNK * ENTRY));
    const chunk = this.chunks[n >>> CHUNK_BITS];
    const at = (n & CHUNK_MASK) * ENTRY;
    chunk[at] = idHi;
    chunk[at + 1] = a;
    chunk[at + 2] = b;
    chunk[at + 3] = meta;
    this.count += 1;
    return n;
  }

  private grow(): void {
    const old = this.index;
    const mask = this.mask * 2 + 1;
    const x = new Uint32Array((mask + 1) * 2);
    for (let s = 0; s < old.length; s += 2) {
      const entry = old[s + 1];
      if (entry === 0) continue;
      const n = entry - 1;
      const idHi = this.chunks[n >>> CHUNK_BITS][(n & CHUNK_MASK) * ENTRY];
      let i = slotOf(idHi, old[s], mask);
      while (x[2 * i + 1] !== 0) i = (i + 1) & mask;
      x[2 * i] = old[s];
      x[2 * i + 1] = entry;
    }
    this.index = x;
    this.mask = mask;
  }
}

function slotOf(idHi: number, idLo: number, mask: number): number {
  return (idLo ^ Math.imul(idHi, 0x9e3779b1)) & mask;
}

/** Words an entry: id hash high word, the sink's two words, meta. */
const ENTRY = 4;
/** Entries a chunk (256 KiB). */
const CHUNK_BITS = 14;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
