import { splitLogBytes, splitLogText } from '../../../checks/evidence/log-file-split';

/**
 * The record-boundary cut of a CloudTrail log file, from its text and from its bytes: which
 * documents it takes (whitespace and byte-order marks around the layout included) and which it
 * leaves to the general reader (undefined), with the records it hands over.
 */

const rec = (id: string) => ({ eventVersion: '1.09', eventID: id, eventSource: 's3.amazonaws.com', eventName: 'GetObject' });
const LOG = JSON.stringify({ Records: [rec('e-1'), rec('e-2')] });
const CUT = { container: 'Records', got: [['Records', 0, 'e-1'], ['Records', 1, 'e-2']] };

/** The cut of `text` both ways: the container named (or undefined) and each record handed over. */
function cut(text: string) {
  const run = (split: (each: (c: string, i: number, v: unknown) => void) => string | undefined) => {
    const got: unknown[] = [];
    const container = split((c, i, v) => got.push([c, i, (v as { eventID: string }).eventID]));
    return { container, got };
  };
  return { text: run((each) => splitLogText(text, 1 << 20, each)), bytes: run((each) => splitLogBytes(Buffer.from(text), 1 << 20, each)) };
}

describe('splitLogText and splitLogBytes', () => {
  test.each([
    ['leading whitespace', ` \n\t\r${LOG}`],
    ['trailing whitespace', `${LOG}\r\n \t`],
    ['a leading byte-order mark', `\uFEFF${LOG}`],
    ['a trailing byte-order mark', `${LOG}\uFEFF`],
    ['marks and whitespace at both ends', `\uFEFF \uFEFF\n${LOG}\n\uFEFF \uFEFF`],
  ])('a log file with %s is cut all the same', (_, text) => {
    expect(cut(text)).toEqual({ text: CUT, bytes: CUT });
  });

  test('a document whose records only look like a log file\'s at one end is left to the general reader', () => {
    const none = { container: undefined, got: [] };
    // Ends as a log file does, opens another way (a LookupEvents page holding a record).
    expect(cut(`{"Events": [${JSON.stringify(rec('e-1'))}]}`)).toEqual({ text: none, bytes: none });
    // Opens as a log file does, ends another way.
    expect(cut(`{"Records":[${JSON.stringify(rec('e-1'))}]]`)).toEqual({ text: none, bytes: none });
    expect(cut(`[${JSON.stringify(rec('e-1'))}]}`)).toEqual({ text: none, bytes: none });
  });

  test('nothing but whitespace is no log file', () => {
    const none = { container: undefined, got: [] };
    expect(cut(' \n\uFEFF\t')).toEqual({ text: none, bytes: none });
    expect(cut('')).toEqual({ text: none, bytes: none });
  });
});
