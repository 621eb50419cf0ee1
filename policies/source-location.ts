import { isAbsolute, relative, sep } from 'node:path';
import type { IConstruct } from 'constructs';

/**
 * Where a construct was created in the project's own source: the first frame of its creation
 * stack that is a project file (not node_modules, not Node's internals). The CDK records that
 * stack on every construct (`aws:cdk:creationStack`) and copies it into the validation report
 * (`stackTraces`), with TypeScript lines thanks to source maps.
 */
export interface SourceLocation {
  /** Path relative to the project root, with `/` separators (a SARIF artifact URI). */
  readonly file: string;
  readonly line: number;
  readonly column?: number;
}

// `fn (/abs/file.ts:9:13)` or a bare `/abs/file.ts:9:13`; a file:// URL from ESM loaders too.
const FRAME = /(?:\(|^|\s)((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/;

export function sourceLocationOf(traces: readonly string[], root: string): SourceLocation | undefined {
  for (const frame of traces.flatMap((t) => t.split('\n'))) {
    const match = FRAME.exec(frame.trim().replace(/^at\s+/, ''));
    if (!match) continue;
    const path = match[1].replace(/^file:\/\//, '');
    if (!isAbsolute(path) || path.split(/[\\/]/).includes('node_modules')) continue;
    const file = relative(root, path);
    if (file === '' || file.startsWith('..') || isAbsolute(file)) continue; // outside the project
    return { file: file.split(sep).join('/'), line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

/** The construct's creation stack as the CDK recorded it (empty when stack traces are off). */
export function creationStackOf(construct: IConstruct): string[] {
  const entry = construct.node.metadata.find((m) => m.type === 'aws:cdk:creationStack');
  return Array.isArray(entry?.data) ? entry.data.filter((d): d is string => typeof d === 'string') : [];
}
