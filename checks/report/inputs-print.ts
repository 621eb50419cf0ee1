import type { InputRecord } from '../report-model';
import { escapeHtml as e } from './escape-html';
import { plural } from './format-text';
import { ICON } from './icons';

/** A folder's inputs that were all read whole, printed as one row. */
export interface InputFolder {
  /** Directory with trailing `YYYY/MM/DD` folders removed: one trail prefix per account and region. */
  readonly folder: string;
  readonly kind: string;
  readonly files: number;
  readonly records: number;
  /** First and last `YYYY/MM/DD` folder of the files, when their paths carry one. */
  readonly days?: { readonly first: string; readonly last: string };
}

export interface CondensedInputs {
  readonly folders: readonly InputFolder[];
  /** Inputs printed one by one: everything not read whole, and lone files. */
  readonly single: readonly InputRecord[];
}

const DAY_DIRS = /\/(\d{4}\/\d{2}\/\d{2})$/;

/**
 * The chain of custody condensed for paper: files read whole are counted per folder (CloudTrail's
 * day folders folded into their trail prefix); every input that was NOT read whole stays on its
 * own row with its status and reason, as does a file alone in its folder. report.json and the
 * screen page keep every file with its SHA-256.
 */
export function condenseInputs(inputs: readonly InputRecord[]): CondensedInputs {
  const groups = new Map<string, { folder: string; kind: string; members: InputRecord[]; days: string[] }>();
  for (const input of inputs) {
    if (input.status !== 'read') continue;
    const slash = input.source.lastIndexOf('/');
    if (slash < 0) continue;
    const dir = input.source.slice(0, slash);
    const day = DAY_DIRS.exec(dir)?.[1];
    const folder = day ? dir.slice(0, dir.length - day.length - 1) : dir;
    const key = `${input.kind}\u0000${folder}`;
    const group = groups.get(key) ?? { folder, kind: input.kind, members: [], days: [] };
    group.members.push(input);
    if (day) group.days.push(day);
    groups.set(key, group);
  }
  const folded = new Set<InputRecord>();
  const folders: InputFolder[] = [];
  for (const g of groups.values()) {
    if (g.members.length < 2) continue;
    g.members.forEach((m) => folded.add(m));
    const days = [...g.days].sort();
    folders.push({
      folder: g.folder,
      kind: g.kind,
      files: g.members.length,
      records: g.members.reduce((sum, m) => sum + m.records, 0),
      days: days.length === g.members.length ? { first: days[0] ?? '', last: days[days.length - 1] ?? '' } : undefined,
    });
  }
  return { folders, single: inputs.filter((i) => !folded.has(i)) };
}

const STATUS_LABEL: Readonly<Record<string, string>> = { read: 'Read', partial: 'Partial', skipped: 'Skipped', refused: 'Refused', ignored: 'Ignored' };

/** The print-only inputs table (hidden on screen, where the full table is shown). */
export function printInputsTable(inputs: readonly InputRecord[]): string {
  const { folders, single } = condenseInputs(inputs);
  const folderRows = folders.map(
    (f) => `<tr><td><span class="mono">${e(f.folder)}/</span>${f.days ? ` <span class="cfr">(${e(f.days.first)} to ${e(f.days.last)})</span>` : ''}</td>
<td class="nowrap">Read, ${e(plural(f.files, 'file'))}</td><td>${e(String(f.records))}</td><td class="cfr">${e(f.kind)}: every file read whole; SHA-256 of each in report.json</td></tr>`,
  );
  const singleRows = single.map(
    (input) => `<tr class="p-${e(input.status)}"><td><span class="mono">${e(input.source)}</span>${input.problem ? `<div class="problem">${ICON.warning} ${e(input.problem)}</div>` : ''}</td>
<td class="nowrap">${input.status === 'read' ? 'Read' : `<strong>${ICON.warning} ${e(STATUS_LABEL[input.status] ?? String(input.status))}</strong>`}</td><td>${e(String(input.records))}</td><td class="sha">${e(input.sha256)}</td></tr>`,
  );
  return `<table class="inputs-print print-only"><thead><tr><th>Source</th><th>Status</th><th>Records</th><th>SHA-256</th></tr></thead><tbody>${[...singleRows, ...folderRows].join('\n')}</tbody></table>`;
}
