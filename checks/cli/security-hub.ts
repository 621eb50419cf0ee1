import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { STSClient } from '@aws-sdk/client-sts';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { describeImport, importFindings } from '../export/security-hub';
import { resolveSecurityHubTarget } from '../export/security-hub-target';
import type { Report } from '../report-model';

export interface SecurityHubClients {
  readonly hub: SecurityHubClient;
  readonly sts: STSClient;
}

/**
 * `coding-env audit --security-hub`: after the report is written, import its findings into
 * Security Hub with the standard AWS credentials and region. Returns false when any finding
 * could not be imported (each one is named on stderr with its error code), or the import could
 * not start (no region, no credentials, Security Hub not enabled).
 */
export async function exportToSecurityHub(report: Report, progress: (m: string) => void, clients?: SecurityHubClients): Promise<boolean> {
  const { hub, sts } = clients ?? { hub: new SecurityHubClient(SDK_OPTIONS), sts: new STSClient(SDK_OPTIONS) };
  try {
    const target = await resolveSecurityHubTarget(sts, hub);
    const result = await importFindings(hub, report, target);
    progress(`${describeImport(result)} into ${target.productArn}`);
    for (const f of result.failed) progress(`Security Hub refused finding ${f.id}: ${f.code} ${f.message}`.trimEnd());
    return result.failed.length === 0;
  } catch (err) {
    const e = err as { name?: string; message?: string };
    progress(`Security Hub import failed: ${e.name ?? 'Error'}: ${e.message ?? String(err)} (the report files are written)`);
    return false;
  }
}
