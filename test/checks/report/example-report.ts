import { auditWindow, buildReport } from '../../../checks/audit';
import { loadEvidenceDir } from '../../../checks/evidence/evidence-dir';
import { loadRegister } from '../../../checks/register/load';
import type { Report } from '../../../checks/report-model';
import { readFileSync } from 'node:fs';
import { auditScope, sha256Hex } from '../../../checks/report/scope';
import { auditRelevantEvents } from '../../../checks/rules/relevance';
import { AS_OF, config } from '../helpers';

/** Where the example audit reads from: what `coding-env audit` is given in the README. */
export const EXAMPLE = {
  config: 'config/coding-env.json',
  evidence: 'test/fixtures/evidence/example',
  register: 'test/fixtures/register/example.json',
} as const;

/**
 * The example audit (test/fixtures/evidence/example, 37 findings) as the CLI would report it: the
 * same events kept (`auditRelevantEvents`, watch list included) and the same report built; only
 * who ran it is fixed, so the PDF reads the same on every machine. example-report.test.ts holds
 * its findings to the CLI's report.json.
 */
export async function exampleReport(asOf: Date = AS_OF, days = 30): Promise<Report> {
  const c = config();
  const register = loadRegister(EXAMPLE.register);
  const window = auditWindow(asOf, days);
  const { model, inputs } = await loadEvidenceDir(EXAMPLE.evidence, { window, keep: auditRelevantEvents(c, register) });
  const scope = auditScope({
    source: 'evidence',
    evidenceDir: EXAMPLE.evidence,
    model,
    inputs,
    runBy: { kind: 'os-user', identity: 'hmartin@compliance-laptop' },
    configSha256: sha256Hex(readFileSync(EXAMPLE.config)),
    registerSha256: sha256Hex(readFileSync(EXAMPLE.register)),
  });
  return buildReport({ config: c, model, inputs, register, window, generatedAt: asOf, auditor: { scope } });
}
