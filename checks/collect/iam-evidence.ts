import type { IAMClient } from '@aws-sdk/client-iam';
import { parseAuthorizationDetails } from '../evidence/authorization-details';
import { parseCredentialReport } from '../evidence/credential-report';
import { sha } from '../evidence/evidence-dir';
import type { Evidence } from '../model/audit-model';
import type { CredentialReport } from '../model/credentials';
import type { AuthorizationDetails } from '../model/iam';
import type { InputRecord } from '../report-model';
import { fetchAuthorizationPages } from './authorization-details';
import { describeAwsFailure } from './aws-failure';
import { type Clock, realClock } from './clock';
import { fetchCredentialReport } from './credential-report';

/**
 * A piece of evidence from a live call; a failed call makes it unavailable, never throws, and
 * is listed in `inputs` as `skipped` with the reason. The engine names the evidence in its error.
 */
export async function attempt<T>(source: string, kind: string, inputs: InputRecord[], run: () => Promise<T>): Promise<Evidence<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    const why = describeAwsFailure(err);
    inputs.push({ source, kind, status: 'skipped', records: 0, sha256: '', problem: why });
    return { ok: false, error: why };
  }
}

const CREDENTIAL_REPORT = 'api:iam:GetCredentialReport';
const AUTHORIZATION = 'api:iam:GetAccountAuthorizationDetails';

/**
 * The credential report, generated and read from IAM, recorded in `inputs`. A rejected row
 * makes it `partial`: the checks still run on the rows read, and are `error` (a person's row
 * must not vanish silently).
 */
export async function collectCredentialReport(iam: IAMClient, inputs: InputRecord[], clock: Clock = realClock): Promise<Evidence<CredentialReport>> {
  const got = await attempt(CREDENTIAL_REPORT, 'credential-report', inputs, async () => {
    const { csv, bytes } = await fetchCredentialReport(iam, clock);
    return { parsed: parseCredentialReport(csv), sha256: sha(bytes) };
  });
  if (!got.ok) return got;
  const { parsed, sha256 } = got.value;
  const note = [...parsed.problems, ...parsed.notes].join('; ');
  inputs.push({ source: CREDENTIAL_REPORT, kind: 'credential-report', status: parsed.problems.length ? 'partial' : 'read', records: parsed.records, sha256, ...(note ? { problem: note } : {}) });
  return { ok: true, value: parsed.report, ...(parsed.problems.length ? { problems: parsed.problems.map((p) => `${CREDENTIAL_REPORT}: ${p}`) } : {}) };
}

/** Users, groups, roles and policies from GetAccountAuthorizationDetails, recorded in `inputs`. */
export async function collectAuthorization(iam: IAMClient, inputs: InputRecord[], clock: Clock = realClock): Promise<Evidence<AuthorizationDetails>> {
  const got = await attempt(AUTHORIZATION, 'authorization-details', inputs, async () => {
    const pages = await fetchAuthorizationPages(iam, clock);
    return { parsed: parseAuthorizationDetails(pages), sha256: sha(JSON.stringify(pages)) };
  });
  if (!got.ok) return got;
  const { parsed, sha256 } = got.value;
  const problem = parsed.problems.join('; ');
  inputs.push({ source: AUTHORIZATION, kind: 'authorization-details', status: problem ? 'partial' : 'read', records: parsed.records, sha256, ...(problem ? { problem } : {}) });
  return { ok: true, value: parsed.details, ...(parsed.problems.length ? { problems: parsed.problems.map((p) => `${AUTHORIZATION}: ${p}`) } : {}) };
}

/** Both IAM reports, in the order an officer exports them (`--live` and `--athena` read them alike). */
export async function collectIamReports(iam: IAMClient, inputs: InputRecord[], clock: Clock, say: (message: string) => void): Promise<{ credentialReport: Evidence<CredentialReport>; authorization: Evidence<AuthorizationDetails> }> {
  say('generating the IAM credential report');
  const credentialReport = await collectCredentialReport(iam, inputs, clock);
  say('reading IAM authorization details');
  const authorization = await collectAuthorization(iam, inputs, clock);
  return { credentialReport, authorization };
}
