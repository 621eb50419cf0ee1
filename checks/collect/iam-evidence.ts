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
export async function collectCredentialReport(iam: IAMClient, inputs: InputRecord[], clock: Clock = realClock): Promise<Evidence<CredentialReport>> {
  const source = 'api:iam:GetCredentialReport';
  const got = await attempt(async () => {
    const { csv, bytes } = await fetchCredentialReport(iam, clock);
    const parsed = parseCredentialReport(csv);
    const note = [...parsed.problems, ...parsed.notes].join('; ');
    inputs.push({ source, kind: 'credential-report', status: parsed.problems.length ? 'partial' : 'read', records: parsed.records, sha256: sha(bytes), ...(note ? { problem: note } : {}) });
    return parsed;
  });
  if (!got.ok) return got;
  const { report, problems } = got.value;
  return { ok: true, value: report, ...(problems.length ? { problems: problems.map((p) => `${source}: ${p}`) } : {}) };
}

/** Users, groups, roles and policies from GetAccountAuthorizationDetails, recorded in `inputs`. */
export async function collectAuthorization(iam: IAMClient, inputs: InputRecord[], clock: Clock = realClock): Promise<Evidence<AuthorizationDetails>> {
  const source = 'api:iam:GetAccountAuthorizationDetails';
  const got = await attempt(async () => {
    const pages = await fetchAuthorizationPages(iam, clock);
    const parsed = parseAuthorizationDetails(pages);
    const problem = parsed.problems.join('; ');
    inputs.push({ source, kind: 'authorization-details', status: problem ? 'partial' : 'read', records: parsed.records, sha256: sha(JSON.stringify(pages)), ...(problem ? { problem } : {}) });
    return parsed;
  });
  if (!got.ok) return got;
  const { details, problems } = got.value;
  return { ok: true, value: details, ...(problems.length ? { problems: problems.map((p) => `${source}: ${p}`) } : {}) };
}
