/**
 * The one escaper for every string that reaches report.md from a report or from evidence (user
 * names, user agents, file names, error messages come from outside). The result renders as the
 * same text in any CommonMark / GitHub renderer: no link, image, autolink, HTML, emphasis, code,
 * math, heading, quote or list can start from it, and it cannot leave a table cell or a line.
 *
 * CommonMark treats a backslash before ASCII punctuation as that character, literally; `<`, `>`
 * and `&` become entities, so no raw HTML or entity reference survives either.
 */

/** Inline syntax: emphasis, code, links and images, footnotes, strikethrough, math, table pipes. */
const INLINE = /[\\`*_{}[\]()#+!|~$]/g;
const ENTITIES: Readonly<Record<string, string>> = { '<': '&lt;', '>': '&gt;', '&': '&amp;' };

export function escapeMarkdown(value: string): string {
  const oneLine = value.replace(/\r\n?|\n/g, ' ');
  const escaped = oneLine.replace(INLINE, (c) => `\\${c}`).replace(/[<>&]/g, (c) => ENTITIES[c] ?? c);
  // A value placed after a list marker could still open a block: `- 1. x`, `- - x`, `- = x`. A
  // number opens an ordered list only when a space or the line's end follows (`1.2.3` does not).
  return escaped.replace(/^(\s*)(\d+)([.)])(?=\s|$)/, '$1$2\\$3').replace(/^(\s*)([-=])/, '$1\\$2');
}
