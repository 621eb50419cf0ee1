/**
 * The first copy of every eventID seen in the window, in 20 bytes a slot of typed arrays (open
 * addressing, linear probing): the 64-bit id hash, the 64-bit fingerprint of the fields the
 * rules read, and the input it came from. A Map of id strings would cost ten times that per
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
   * Records the first copy of an id; for a later copy, returns the first copy's fingerprint
   * and source (the caller compares) and changes nothing.
   */
  firstCopy(idHi: number, idLo: number, fpHi: number, fpLo: number, source: number): { fpHi: number; fpLo: number; source: number } | undefined {
    if ((this.count + 1) * 10 > (this.mask + 1) * 7) this.grow();
    const s = this.slots;
    for (let i = (idLo ^ Math.imul(idHi, 0x9e3779b1)) & this.mask; ; i = (i + 1) & this.mask) {
      const at = i * STRIDE;
      if (s[at + 4] === 0) {
        s[at] = idHi;
        s[at + 1] = idLo;
        s[at + 2] = fpHi;
        s[at + 3] = fpLo;
        s[at + 4] = source + 1;
        this.count += 1;
        return undefined;
      }
      if (s[at] === idHi && s[at + 1] === idLo) return { fpHi: s[at + 2], fpLo: s[at + 3], source: s[at + 4] - 1 };
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
