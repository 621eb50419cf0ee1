import fc from 'fast-check';
import { JsonRecordSplitter } from '../../../checks/evidence/json-records';
import { jsonErrorPosition } from '../../../lib/config/json-position';

/** Splits `text` fed in chunks of the given sizes; returns the records and the error, if any. */
function split(text: string, sizes: readonly number[], max = 1_000_000) {
  const records: { container: string; index: number; value: unknown }[] = [];
  const oversize: number[] = [];
  const s = new JsonRecordSplitter({ record: (container, index, t) => records.push({ container, index, value: JSON.parse(t) }), oversize: (_c, i) => oversize.push(i) }, max);
  let at = 0;
  for (let i = 0; at < text.length; i += 1) {
    const n = Math.max(1, sizes[i % Math.max(1, sizes.length)] ?? 1);
    s.feed(text.slice(at, at + n));
    at += n;
  }
  s.end();
  return { records, oversize, error: s.error, containers: [...s.containers] };
}

const json = fc.jsonValue({ maxDepth: 3 });
const ws = fc.constantFrom('', ' ', '\n', '\r\n  ', '\t');
const sizes = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 });

describe('the streaming record splitter (property-based)', () => {
  test('hands over exactly the elements of Records, whatever the chunking and spacing, other keys skipped', () => {
    fc.assert(
      fc.property(fc.array(json, { maxLength: 8 }), json, ws, sizes, (elements, other, space, chunks) => {
        const text = `${space}{${space}"NextToken"${space}:${space}${JSON.stringify(other)}${space},"Records":${space}[${elements.map((e) => `${space}${JSON.stringify(e)}${space}`).join(',')}]${space}}${space}`;
        const got = split(text, chunks);
        expect(got.error).toBeUndefined();
        expect(got.records.map((r) => r.value)).toEqual(elements.map((e) => JSON.parse(JSON.stringify(e))));
        expect(got.records.map((r) => r.index)).toEqual(elements.map((_, i) => i));
      }),
    );
  });

  test('a bare array\'s elements, and LookupEvents\' Events', () => {
    fc.assert(
      fc.property(fc.array(json, { maxLength: 8 }), fc.boolean(), sizes, (elements, bare, chunks) => {
        const body = JSON.stringify(elements, null, 1);
        const got = split(bare ? body : `{"Events": ${body}}`, chunks);
        expect(got.error).toBeUndefined();
        expect(got.containers).toEqual(bare ? ['[]'] : ['Events']);
        expect(got.records.map((r) => r.value)).toEqual(JSON.parse(body));
      }),
    );
  });

  test('a document cut anywhere is reported cut short (or not JSON), never read as whole', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 2 }), { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 0.999, noNaN: true }), sizes, (elements, where, chunks) => {
        const text = JSON.stringify({ Records: elements });
        const cutAt = Math.floor(where * text.length);
        const got = split(text.slice(0, cutAt), chunks);
        expect(got.error).toBeDefined();
        // Whatever was handed over is a prefix of the real records.
        expect(got.records.map((r) => r.value)).toEqual(elements.slice(0, got.records.length).map((e) => JSON.parse(JSON.stringify(e))));
      }),
    );
  });

  test('an element longer than the bound is reported by index, not held', () => {
    const got = split(JSON.stringify({ Records: [{ a: 'x'.repeat(500) }, { b: 1 }] }), [7], 100);
    expect(got.oversize).toEqual([0]);
    expect(got.records.map((r) => r.value)).toEqual([{ b: 1 }]);
  });
});

describe('the JSON error position', () => {
  test('is the offset JSON.parse stops at, without the text around it', () => {
    expect(jsonErrorPosition('{"UserDetailList": [ P100234 ]}')).toBe(21);
    expect(jsonErrorPosition('{"a":1}x')).toBe(7);
    expect(jsonErrorPosition('[1,2,]')).toBe(5);
    expect(jsonErrorPosition('{"a":')).toBe(5);
  });

  test('a cut document\'s position is at or before its end (property-based)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.double({ min: 0, max: 0.999, noNaN: true }), (value, where) => {
        const text = JSON.stringify(value);
        const cut = text.slice(0, Math.floor(where * text.length));
        let valid = true;
        try {
          JSON.parse(cut);
        } catch {
          valid = false;
        }
        fc.pre(!valid);
        const at = jsonErrorPosition(cut);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(at).toBeLessThanOrEqual(cut.length);
      }),
    );
  });
});
