import type { IAMClient } from '@aws-sdk/client-iam';
import { parseAuthorizationDetails } from '../evidence/authorization-details';
import { parseCredentialReport } from '../evidence/credential-report';
import { sha } from '../evidence/evidence-dir';
import type { Evidence } from '../model/audit-model';
import type { CredentialReport } from '../model/credentials';
import type { AuthorizationDetails } from '../model/iam';
import type { InputRecord } from '../report-model';
import { fetchAuthorizationPages } from './authorization-details';
import { type Clock, realClock } from './clock';
import { fetchCredentialReport } from './credential-report';

/**
 * A piece of evidence from a live call; a failed call makes it unavailable, never throws.
 * The engine names the evidence in its error; here only why it is unavailable.
 */
export async function attempt<T>(run: () => Promise<T>): Promise<Evidence<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** The credential report, generated and read from IAM, recorded in `inputs`. */
export function collectCredentialReport(iam: IAMClient, inputs: InputRecord[], clock: Clock = realClock): Promise<Evidence<CredentialReport>> {
  return attempt(async () => {
    const { csv, bytes } = await fetchCredentialReport(iam, clock);
    const parsed = parseCredentialReport(csv);
    inputs.push({
      source: 'api:iam:GetCredentialReport',
      kind: 'credential-report',
      status: 'read',
      records: parsed.records,
      sha256: sha(bytes),
      ...(parsed.problems.length ? { problem: parsed.problems.join('; ') } : {}),
    });
    return parsed.report;
  });
}

/** Users, groups, roles and policies from GetAccountAuthorizationDetails, recorded in `inputs`. */
export function collectAuthorization(iam: IAMClient, inputs: InputRecord[], clock: Clock = realClock): Promise<Evidence<AuthorizationDetails>> {
  return attempt(async () => {
    const pages = await fetchAuthorizationPages(iam, clock);
    const parsed = parseAuthorizationDetails(pages);
    inputs.push({ source: 'api:iam:GetAccountAuthorizationDetails', kind: 'authorization-details', status: 'read', records: parsed.records, sha256: sha(JSON.stringify(pages)) });
    return parsed.details;
  });
}
