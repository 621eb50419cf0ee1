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

/** Everything the splitter says about `text` fed in chunks of `sizes`: records with their positions, oversize reports, the error, the containers. */
function trace(text: string, sizes: readonly number[], max = 1_000_000) {
  const out: unknown[] = [];
  const s = new JsonRecordSplitter({ record: (c, i, t, p) => out.push(['record', c, i, t, p]), oversize: (c, i, p) => out.push(['oversize', c, i, p]) }, max);
  let at = 0;
  for (let i = 0; at < text.length; i += 1) {
    const n = Math.max(1, sizes[i % sizes.length]);
    s.feed(text.slice(at, at + n));
    at += n;
  }
  s.end();
  return { out, error: s.error, containers: [...s.containers] };
}

describe('the streaming record splitter: what it says, exactly', () => {
  test.each([
    ['', 'empty: no JSON document'],
    [' \n\t', 'empty: no JSON document'],
    ['"Records"', 'not JSON of the expected shape: position 0 is neither { nor ['],
    ['  42', 'not JSON of the expected shape: position 2 is neither { nor ['],
    ['{"Records":[1]} x', 'unexpected data after the end of the JSON document at position 16'],
    ['{"Records":[1]}}', 'unexpected data after the end of the JSON document at position 15'],
    ['{"a":[}', 'brackets do not match at position 6'],
    ['{"Records":[1,2,3]]', 'brackets do not match at position 18'],
    ['[1,2}', 'brackets do not match at position 4'],
    ['{1:2}', 'not JSON: a key was expected at position 1'],
    ['{"a" 1}', 'not JSON: ":" was expected at position 5'],
    ['{"a":1 "b":2}', 'not JSON: "," was expected at position 7'],
    ['{"a":{} {', 'not JSON: "," was expected at position 8'],
    ['{"Records":[{"a":1}', 'cut short: the JSON document ends at position 19 before it is closed'],
    ['[1,2', 'cut short: the JSON document ends at position 4 before it is closed'],
    ['{"Records":[{"a":"x\\"', 'cut short: the JSON document ends at position 21 before it is closed'],
  ])('%p: %s', (text, error) => {
    expect(trace(text, [text.length || 1]).error).toBe(error);
    expect(trace(text, [1]).error).toBe(error);
  });

  test.each(['{}', '[]', '{"Records":[]}', '{"a":1,"b":-1.5e+3,"c":true,"d":null}', '{"a":[1,{"b":[]}],"c":{"d":"e}"}}', ' {"Events":[]} \n'])('%p is whole', (text) => {
    expect(trace(text, [3]).error).toBeUndefined();
  });

  test('each element with its container, index, text and the position it starts at; scalars are records too', () => {
    expect(trace('{"Records":[1, "two", null, true, {"x":[1]}, [2]]}', [5])).toEqual({
      out: [
        ['record', 'Records', 0, '1', 12], ['record', 'Records', 1, '"two"', 15], ['record', 'Records', 2, 'null', 22],
        ['record', 'Records', 3, 'true', 28], ['record', 'Records', 4, '{"x":[1]}', 34], ['record', 'Records', 5, '[2]', 45],
      ],
      error: undefined,
      containers: ['Records'],
    });
    expect(trace('[1, {"a":"b"}]', [2]).out).toEqual([['record', '[]', 0, '1', 1], ['record', '[]', 1, '{"a":"b"}', 4]]);
    expect(trace('{"Records":[ "a\\"]" , 2 ]}', [4]).out).toEqual([['record', 'Records', 0, '"a\\"]"', 13], ['record', 'Records', 1, '2', 22]]);
  });

  test('Events and Records in one object both count, each indexed from 0; other keys, and Records deeper down or not an array, do not', () => {
    expect(trace('{"Events":[1],"Records":[2]}', [4])).toMatchObject({ out: [['record', 'Events', 0, '1', 11], ['record', 'Records', 0, '2', 25]], containers: ['Events', 'Records'] });
    expect(trace('{"Records":{"a":[1]}}', [4])).toEqual({ out: [], error: undefined, containers: [] });
    expect(trace('{"x":{"Records":[1]}}', [4])).toEqual({ out: [], error: undefined, containers: [] });
    expect(trace('{"records":[1],"NextToken":[2]}', [4])).toEqual({ out: [], error: undefined, containers: [] });
    expect(trace('{"a":"x\\"}","Records":[3]}', [4]).out).toEqual([['record', 'Records', 0, '3', 23]]);
  });

  test('a record of exactly the bound is kept; one character more is reported oversize, with its position, and reading goes on', () => {
    const text = '{"Records":["abcd","abcde",7]}';
    expect(trace(text, [3], 6).out).toEqual([['record', 'Records', 0, '"abcd"', 12], ['oversize', 'Records', 1, 19], ['record', 'Records', 2, '7', 27]]);
    const objects = '[{"a":1},{"ab":12}]';
    expect(trace(objects, [2], 7).out).toEqual([['record', '[]', 0, '{"a":1}', 1], ['oversize', '[]', 1, 9]]);
  });

  test('whatever the text, valid or not, the chunking changes nothing it says (property-based)', () => {
    const token = fc.constantFrom('{', '}', '[', ']', ',', ':', '"', '\\', ' ', '\n', 'a', '1', '-', 'true', '"Records"', '"Events"', '"k"', '"x\\"y"', '\uFEFF');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), sizes, fc.integer({ min: 1, max: 12 }), (tokens, chunks, max) => {
        const text = tokens.join('');
        expect(trace(text, chunks, max)).toEqual(trace(text, [Math.max(1, text.length)], max));
      }),
      { numRuns: 2000 },
    );
  });

  test('the same for well-formed documents with records near the bound (property-based)', () => {
    fc.assert(
      fc.property(fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 6 }), fc.boolean(), sizes, fc.integer({ min: 1, max: 40 }), (elements, bare, chunks, max) => {
        const text = bare ? JSON.stringify(elements) : JSON.stringify({ NextToken: 'x', Records: elements });
        expect(trace(text, chunks, max)).toEqual(trace(text, [text.length], max));
      }),
    );
  });

  test('a scalar element ends where the scalar does: at a closing quote, a space, or the comma or bracket after it', () => {
    expect(trace('[1 2]', [5]).out).toEqual([['record', '[]', 0, '1', 1], ['record', '[]', 1, '2', 3]]);
    expect(trace('{"Records":["a"x]}', [18]).out).toEqual([['record', 'Records', 0, '"a"', 12], ['record', 'Records', 1, 'x', 15]]);
    // A space after a scalar does not count toward the bound.
    expect(trace('[1 ]', [4], 1).out).toEqual([['record', '[]', 0, '1', 1]]);
  });

  test('a container element ends at its closing bracket; anything after it is the next element', () => {
    expect(trace('[{"a":1}x]', [10]).out).toEqual([['record', '[]', 0, '{"a":1}', 1], ['record', '[]', 1, 'x', 8]]);
  });

  test('brackets after a scalar element are part of it: quotes, spaces, commas and brackets inside them end nothing', () => {
    const text = '[1{"a": 2,"b":[3]}]';
    expect(trace(text, [text.length]).out).toEqual([['record', '[]', 0, '1{"a": 2,"b":[3]}', 1]]);
  });

  test('after an error inside a chunk, the rest of the chunk is not read either', () => {
    for (const [text, error] of [
      ['{1,"Records":[5]}', 'not JSON: a key was expected at position 1'],
      ['{"Records"x:[5]}', 'not JSON: ":" was expected at position 10'],
      ['{"a":{}#,"Records":[5]}', 'not JSON: "," was expected at position 7'],
    ]) expect(trace(text, [text.length])).toEqual({ out: [], error, containers: [] });
  });

  test('after an error, nothing more is read', () => {
    const s = new JsonRecordSplitter({ record: () => { throw new Error('no record expected'); }, oversize: () => undefined }, 100);
    s.feed('{1');
    s.feed('"Records":[1]}');
    s.end();
    expect(s.error).toBe('not JSON: a key was expected at position 1');
  });
});
