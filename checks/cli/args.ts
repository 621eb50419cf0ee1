import { parseArgs } from 'node:util';
import { UsageError } from './usage';

/**
 * The command line read into option values and positionals, with every mistake named in our
 * words (never Node's parser messages): an unknown option (with the nearest known one), an option
 * missing its value, a value that is really the next option, a value given to a switch, an option
 * given twice.
 */
export type OptionSpec = Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly short?: string; readonly multiple?: boolean }>>;

export interface ParsedArgs {
  readonly values: Readonly<Record<string, string | string[] | boolean | undefined>>;
  readonly positionals: readonly string[];
}

export function parseArguments(argv: readonly string[], options: OptionSpec, command?: string): ParsedArgs {
  // strict: false never throws; the tokens say exactly what was written, and we judge them.
  const { tokens } = parseArgs({ args: [...argv], options, strict: false, allowPositionals: true, tokens: true });
  const values: Record<string, string | string[] | boolean | undefined> = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const spec = options[token.name];
    // As written: `--name` or `-x` (short options grouped as -abc come one token each, `-a`...).
    const flag = token.rawName;
    if (!spec) throw new UsageError(`unknown option ${flag}${suggestion(token.name, options)}`, command);
    const name = `--${token.name}`;
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${name} is a switch and takes no value (write ${name} alone)`, command);
      values[token.name] = true;
      continue;
    }
    if (token.value === undefined) throw new UsageError(`${name} needs a value`, command);
    if (!token.inlineValue && token.value.startsWith('-') && token.value !== '-') {
      throw new UsageError(`${name} needs a value, but the next argument is the option ${token.value.split('=')[0]} (for a value starting with "-", write ${name}=VALUE)`, command);
    }
    if (spec.multiple) {
      // A repeatable option (e.g. --previous): each occurrence adds one value.
      const list = values[token.name];
      values[token.name] = [...(Array.isArray(list) ? list : []), token.value];
      continue;
    }
    if (values[token.name] !== undefined) throw new UsageError(`${name} is given more than once`, command);
    values[token.name] = token.value;
  }
  return { values, positionals };
}

/** ` (did you mean --evidence?)` for a near miss (a third of the letters, at most 2, differ), else nothing. */
function suggestion(name: string, options: OptionSpec): string {
  let best: { name: string; distance: number } | undefined;
  for (const known of Object.keys(options)) {
    const distance = editDistance(name, known);
    if (distance <= Math.min(2, Math.floor(name.length / 3)) && (best === undefined || distance < best.distance)) best = { name: known, distance };
  }
  return best ? ` (did you mean --${best.name}?)` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}
