import { escapeHtml } from '../../../checks/report/escape-html';

describe('escapeHtml', () => {
  test('turns markup into text', () => {
    expect(escapeHtml('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('escapes quotes so values are safe in attributes, and ampersands first', () => {
    expect(escapeHtml(`a"b'c&lt;`)).toBe('a&quot;b&#39;c&amp;lt;');
  });

  test('leaves plain text alone', () => {
    expect(escapeHtml('jdoe — 164.308(a)(1)')).toBe('jdoe — 164.308(a)(1)');
  });
});
