/**
 * Splits a JSON document into its records as it streams by, without holding the document:
 * the elements of a bare top-level array, or of the `Records` / `Events` arrays of a top-level
 * object (a CloudTrail log file, a LookupEvents page). Each element is handed over as text of
 * at most `maxRecordChars` characters (a longer one is reported, not held), to be parsed on its
 * own; the structure around them is checked only as far as needed to find them and to tell a
 * whole document from one cut short. Positions are character offsets, so a problem can say
 * where without quoting what.
 */

export interface RecordSink {
  record(container: string, index: number, text: string, position: number): void;
  oversize(container: string, index: number, position: number): void;
}

/** Top-level keys whose array elements are records. */
const RECORD_KEYS = new Set(['Records', 'Events']);
const WS = new Set([' ', '\t', '\n', '\r', '\uFEFF']);

export class JsonRecordSplitter {
  /** Containers whose elements were handed over: `Records`, `Events`, or `[]` for a bare array. */
  readonly containers = new Set<string>();
  private position = 0;
  private readonly stack: string[] = [];
  private inString = false;
  private escape = false;
  private done = false;
  private failure: string | undefined;
  private started = false;
  // Root-object bookkeeping (depth 1).
  private expect: 'key' | 'colon' | 'value' | 'comma' = 'key';
  private key = '';
  private capturingKey = false;
  // The record array currently open, and the element being captured.
  private container: string | undefined;
  private recordDepth = -1;
  private index = 0;
  private parts: string[] = [];
  private partsLength = 0;
  private elementStart = -1;
  private elementPosition = 0;
  private oversized = false;
  private inElement = false;
  /** Brackets open inside the record being read, beyond its own. */
  private inner = 0;

  constructor(
    private readonly sink: RecordSink,
    private readonly maxRecordChars: number,
  ) {}

  /** Why the document is not whole JSON of the expected shape, once known. */
  get error(): string | undefined {
    return this.failure;
  }

  feed(chunk: string): void {
    if (this.failure !== undefined) return;
    let captureFrom = this.inElement && !this.oversized ? 0 : -1;
    for (let i = 0; i < chunk.length; i += 1) {
      if (this.inElement && this.elementStart !== -1 && this.stack.length > this.recordDepth) {
        // Inside a record (nearly all of the text) only its end matters: it is parsed on its own
        // later. A tight scan of quotes, escapes and brackets, on locals.
        let depth = this.inner;
        let inStr = this.inString;
        let esc = this.escape;
        for (; i < chunk.length; i += 1) {
          const c = chunk.charCodeAt(i);
          if (inStr) {
            if (esc) esc = false;
            else if (c === 92) esc = true;
            else if (c === 34) inStr = false;
          } else if (c === 34) inStr = true;
          else if (c === 123 || c === 91) depth += 1;
          else if (c === 125 || c === 93) {
            if (depth === 0) break;
            depth -= 1;
          }
        }
        this.inner = depth;
        this.inString = inStr;
        this.escape = esc;
        // The chunk ended inside the record; otherwise chunk[i] closes it, handled below.
        if (i >= chunk.length) break;
      }
      const ch = chunk[i];
      const at = this.position + i;
      if (this.inString) {
        if (this.capturingKey && !this.escape && ch !== '"' && this.key.length < 64) this.key += ch;
        if (this.escape) this.escape = false;
        else if (ch === '\\') this.escape = true;
        else if (ch === '"') {
          this.inString = false;
          if (this.capturingKey) {
            this.capturingKey = false;
            this.expect = 'colon';
          }
          if (this.inElement && this.stack.length === this.recordDepth) captureFrom = this.endScalar(chunk, captureFrom, i + 1);
        }
        continue;
      }
      if (WS.has(ch)) {
        if (this.inElement && this.stack.length === this.recordDepth && !this.elementIsContainer()) captureFrom = this.endScalar(chunk, captureFrom, i);
        continue;
      }
      if (this.done) return this.fail(`unexpected data after the end of the JSON document at position ${at}`);
      if (!this.started) {
        this.started = true;
        if (ch !== '{' && ch !== '[') return this.fail(`not JSON of the expected shape: position ${at} is neither { nor [`);
      }
      // An element of a record array starts.
      if (this.stack.length === this.recordDepth && !this.inElement && ch !== ']' && ch !== ',') {
        this.inElement = true;
        this.elementPosition = at;
        this.elementStart = ch === '{' || ch === '[' ? this.stack.length + 1 : -1;
        this.oversized = false;
        this.inner = 0;
        this.parts = [];
        this.partsLength = 0;
        captureFrom = i;
      }
      if (this.stack.length === 1 && this.stack[0] === '{' && !this.inElement) {
        if (!this.rootObjectToken(ch, at)) return;
      }
      if (ch === '"') {
        this.inString = true;
        continue;
      }
      if (ch === '{' || ch === '[') {
        this.stack.push(ch);
        if (this.stack.length === 1 && ch === '[') this.openContainer('[]');
        continue;
      }
      if (ch === '}' || ch === ']') {
        // A scalar element ends at the bracket closing its array.
        if (this.inElement && !this.elementIsContainer() && this.stack.length === this.recordDepth) captureFrom = this.endElement(chunk, captureFrom, i);
        const open = this.stack.pop();
        if (open !== (ch === '}' ? '{' : '[')) return this.fail(`brackets do not match at position ${at}`);
        if (this.inElement && this.elementIsContainer() && this.stack.length === this.recordDepth) captureFrom = this.endElement(chunk, captureFrom, i + 1);
        if (this.container !== undefined && this.stack.length === this.recordDepth - 1) this.closeContainer();
        if (this.stack.length === 1 && this.stack[0] === '{') this.expect = 'comma';
        if (this.stack.length === 0) this.done = true;
        continue;
      }
      if (ch === ',' && this.inElement && this.stack.length === this.recordDepth) captureFrom = this.endElement(chunk, captureFrom, i);
    }
    // In an element not oversized, captureFrom is where its text in this chunk starts (0 or later).
    if (this.inElement && !this.oversized) this.keep(chunk.slice(captureFrom));
    this.position += chunk.length;
  }

  /** Call at the end of the input: a document left open was cut short. */
  end(): void {
    if (this.failure !== undefined) return;
    if (!this.started) return this.fail('empty: no JSON document');
    if (!this.done) this.fail(`cut short: the JSON document ends at position ${this.position} before it is closed`);
  }

  private rootObjectToken(ch: string, at: number): boolean {
    switch (this.expect) {
      case 'key':
        if (ch === '}') return true;
        if (ch !== '"') return this.fail(`not JSON: a key was expected at position ${at}`), false;
        this.key = '';
        this.capturingKey = true;
        return true;
      case 'colon':
        if (ch !== ':') return this.fail(`not JSON: ":" was expected at position ${at}`), false;
        this.expect = 'value';
        return true;
      case 'value':
        if (ch === '[' && RECORD_KEYS.has(this.key)) this.openContainer(this.key, 2);
        this.expect = 'comma';
        return true;
      case 'comma':
        if (ch === ',') this.expect = 'key';
        else if (ch !== '}' && ch !== ']' && !/[-0-9a-z.+]/i.test(ch)) return this.fail(`not JSON: "," was expected at position ${at}`), false;
        return true;
    }
  }

  private openContainer(name: string, depth = 1): void {
    this.container = name;
    this.recordDepth = depth;
    this.index = 0;
    this.containers.add(name);
  }

  private closeContainer(): void {
    this.container = undefined;
    this.recordDepth = -1;
  }

  private elementIsContainer(): boolean {
    return this.elementStart !== -1;
  }

  private endScalar(chunk: string, from: number, end: number): number {
    return this.elementIsContainer() ? from : this.endElement(chunk, from, end);
  }

  private endElement(chunk: string, from: number, end: number): number {
    if (!this.oversized && from >= 0) this.keep(chunk.slice(from, end));
    // Stryker disable next-line StringLiteral: an element is read only inside an open record array, so container is always set and the fallback is never used
    const container = this.container ?? '[]';
    if (this.oversized) this.sink.oversize(container, this.index, this.elementPosition);
    else this.sink.record(container, this.index, this.parts.join('').trim(), this.elementPosition);
    this.index += 1;
    this.inElement = false;
    this.parts = [];
    this.partsLength = 0;
    return -1;
  }

  private keep(text: string): void {
    if (this.oversized) return;
    this.partsLength += text.length;
    if (this.partsLength > this.maxRecordChars) {
      this.oversized = true;
      // Stryker disable next-line ArrayDeclaration: an oversized element's parts are never read again (endElement reports it without them, the next element starts afresh); this only lets them be collected
      this.parts = [];
      return;
    }
    this.parts.push(text);
  }

  private fail(why: string): void {
    this.failure ??= why;
  }
}
