import { auditWindow, buildReport } from '../../../checks/audit';
import { loadEvidenceDir } from '../../../checks/evidence/evidence-dir';
import { loadRegister } from '../../../checks/register/load';
import type { Report } from '../../../checks/report-model';
import { readFileSync } from 'node:fs';
import { auditScope, sha256Hex } from '../../../checks/report/scope';
import { relevantEvents } from '../../../checks/rules/relevance';
import { AS_OF, config } from '../helpers';

/** The example audit (test/fixtures/evidence/example, 17 findings) as the CLI would report it. */
export async function exampleReport(asOf: Date = AS_OF, days = 30): Promise<Report> {
  const c = config();
  const window = auditWindow(asOf, days);
  const { model, inputs } = await loadEvidenceDir('test/fixtures/evidence/example', { window, keep: relevantEvents(c) });
  const scope = auditScope({
    source: 'evidence',
    evidenceDir: 'test/fixtures/evidence/example',
    model,
    inputs,
    runBy: { kind: 'os-user', identity: 'hmartin@compliance-laptop' },
    configSha256: sha256Hex(readFileSync('config/coding-env.json')),
    registerSha256: sha256Hex(readFileSync('test/fixtures/register/example.json')),
  });
  return buildReport({ config: c, model, inputs, register: loadRegister('test/fixtures/register/example.json'), window, generatedAt: asOf, auditor: { scope } });
}
