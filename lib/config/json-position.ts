/**
 * Where a JSON text stops being JSON: the offset an error message may name instead of V8's
 * message, which quotes the text around the error (a patient's id, perhaps). Run only after
 * JSON.parse failed; iterative, so no nesting depth can overflow the stack.
 */
export function jsonErrorPosition(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i += 1;
  };
  const string = (): boolean => {
    i += 1;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i += 1;
        return true;
      }
      if (c < 0x20) return false;
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return false;
      } else i += 1;
    }
    return false;
  };
  const scalar = (): boolean => {
    const rest = text.slice(i, i + 5);
    for (const word of ['true', 'false', 'null']) {
      if (rest.startsWith(word)) {
        i += word.length;
        return true;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') return false;
    i += m[0].length;
    return true;
  };
  // Stack of open containers; `expect` tracks what may come next.
  const stack: ('{' | '[')[] = [];
  type Want = 'value' | 'key' | 'colon' | 'after' | 'first-key' | 'first-value';
  let want: Want = 'value';
  for (;;) {
    ws();
    if (i >= text.length) return stack.length === 0 && want === 'after' ? i : text.length;
    const c = text[i];
    switch (want) {
      case 'value':
      case 'first-value':
        if (want === 'first-value' && c === ']') {
          stack.pop();
          i += 1;
          want = 'after';
        } else if (c === '{') {
          stack.push('{');
          i += 1;
          want = 'first-key';
        } else if (c === '[') {
          stack.push('[');
          i += 1;
          want = 'first-value';
        } else if (c === '"') {
          if (!string()) return i;
          want = 'after';
        } else {
          const at = i;
          if (!scalar()) return at;
          want = 'after';
        }
        break;
      case 'key':
      case 'first-key':
        if (want === 'first-key' && c === '}') {
          stack.pop();
          i += 1;
          want = 'after';
        } else if (c === '"') {
          if (!string()) return i;
          want = 'colon';
        } else return i;
        break;
      case 'colon':
        if (c !== ':') return i;
        i += 1;
        want = 'value';
        break;
      case 'after': {
        const top = stack[stack.length - 1];
        if (top === undefined) return i;
        if (c === ',') {
          i += 1;
          want = top === '{' ? 'key' : 'value';
        } else if ((c === '}' && top === '{') || (c === ']' && top === '[')) {
          stack.pop();
          i += 1;
          want = 'after';
        } else return i;
        break;
      }
    }
  }
}
