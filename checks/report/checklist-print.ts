import type { Finding } from '../report-model';
import { escapeHtml as e } from './escape-html';
import { plural } from './format-text';
import type { FindingGroup } from './group-findings';

/**
 * A checklist reason that restates a finding word for word, as the checklist writes it
 * (`<check> <rule>: <summary>` or `<check>: <summary>`, checks/checklist/items.ts); undefined
 * for every other reason. Exact match only: a reason that says anything more stays whole.
 */
export function restatedFinding(reason: string, findings: readonly Finding[]): Finding | undefined {
  return findings.find((f) => reason === `${f.check} ${f.rule}: ${f.summary}` || reason === `${f.check}: ${f.summary}`);
}

/**
 * The reasons of one checklist item for paper, or undefined when none restates a finding (the
 * screen list then prints as it is). Reasons restating findings are one line per check, at the
 * place of the first, naming each finding by rule and principal and linking to it; the finding
 * itself is printed in full under its check. Every other reason is printed whole, in order.
 */
export function printReasons(reasons: readonly string[], findings: readonly Finding[], groups: readonly FindingGroup[]): string | undefined {
  const restated = reasons.map((r) => restatedFinding(r, findings));
  if (restated.every((f) => f === undefined)) return undefined;
  const byCheck = new Map<string, Finding[]>();
  for (const f of restated) if (f !== undefined) byCheck.set(f.check, [...(byCheck.get(f.check) ?? []), f]);
  const items: string[] = [];
  reasons.forEach((reason, i) => {
    const f = restated[i];
    if (f === undefined) {
      items.push(`<li>${e(reason)}</li>`);
      return;
    }
    const same = byCheck.get(f.check) ?? [];
    if (same[0] !== f) return;
    const title = groups.find((g) => g.check === f.check)?.title ?? f.check;
    const name = (x: Finding) => `${e(x.rule)} <code>${e(x.principal)}</code>`;
    const named = same.map((x) => (x.id ? `<a href="#${e(x.id)}">${name(x)}</a>` : name(x))).join(', ');
    items.push(`<li>${e(f.check)}: ${e(plural(same.length, 'finding'))}, each in full under ${e(title)}: ${named}</li>`);
  });
  return `<ul class="reasons-print print-only">${items.join('')}</ul>`;
}
