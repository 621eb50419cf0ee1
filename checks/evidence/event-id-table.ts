/**
 * The first copy of every eventID seen in the window, in 20 bytes a slot of typed arrays (open
 * addressing, linear probing): the 64-bit id hash, two words the sink chooses (the fingerprint
 * of an event nobody keeps, or where the kept copy is), and a word of its own (the input it
 * came from, and a flag). A Map of id strings would cost ten times that per
 * event; this is what lets memory follow the candidate events rather than the event count.
 */
export class EventIdTable {
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 16) {
    let capacity = 1;
    while (capacity < initialCapacity) capacity *= 2;
    this.slots = new Uint32Array(capacity * STRIDE);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.count;
  }

  /**
   * Records the first copy of an id; for a later copy, returns what the first stored (the caller
   * compares) and changes nothing. `meta` must not be 0 (0 marks an empty slot).
   */
  firstCopy(idHi: number, idLo: number, a: number, b: number, meta: number): { a: number; b: number; meta: number } | undefined {
    if ((this.count + 1) * 10 > (this.mask + 1) * 7) this.grow();
    const s = this.slots;
    for (let i = (idLo ^ Math.imul(idHi, 0x9e3779b1)) & this.mask; ; i = (i + 1) & this.mask) {
      const at = i * STRIDE;
      if (s[at + 4] === 0) {
        s[at] = idHi;
        s[at + 1] = idLo;
        s[at + 2] = a;
        s[at + 3] = b;
        s[at + 4] = meta;
        this.count += 1;
        return undefined;
      }
      if (s[at] === idHi && s[at + 1] === idLo) return { a: s[at + 2], b: s[at + 3], meta: s[at + 4] };
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    this.mask = this.mask * 2 + 1;
    for (let at = 0; at < old.length; at += STRIDE) {
      if (old[at + 4] === 0) continue;
      for (let i = (old[at + 1] ^ Math.imul(old[at], 0x9e3779b1)) & this.mask; ; i = (i + 1) & this.mask) {
        const to = i * STRIDE;
        if (this.slots[to + 4] !== 0) continue;
        this.slots.set(old.subarray(at, at + STRIDE), to);
        break;
      }
    }
  }
}

const STRIDE = 5;
