import fc from 'fast-check';
import { splitCsvLine } from '../../../checks/evidence/credential-report';

/** RFC 4180 encoding of one row: cells with a comma or a quote are quoted, quotes doubled. */
const encode = (cells: readonly string[], quoteAll: boolean) =>
  cells.map((c) => (quoteAll || /[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
// No line breaks: the report is split into lines before its cells.
const cell = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ',', '"', ' ', '-', ':', '<', '>', '/', 'é'), maxLength: 12 });

describe('the credential report\'s CSV cells (property-based)', () => {
  test('split undoes RFC 4180 encoding, quoted or not', () => {
    fc.assert(
      fc.property(fc.array(cell, { minLength: 1, maxLength: 24 }), fc.boolean(), (cells, quoteAll) => {
        expect(splitCsvLine(encode(cells, quoteAll))).toEqual(cells);
      }),
    );
  });

  test('a line without quotes splits exactly at its commas', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', '1', ':', '+', '_', '<'), maxLength: 10 }), { minLength: 1, maxLength: 24 }), (cells) => {
        expect(splitCsvLine(cells.join(','))).toEqual(cells);
      }),
    );
  });
});
