import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountEvidence, Evidence } from '../model/audit-model';
import type { CredentialReport } from '../model/credentials';
import type { AuditEvent } from '../model/events';
import type { AuthorizationDetails } from '../model/iam';
import type { InputRecord } from '../report-model';
import { EVIDENCE_FILES, type EvidenceOptions, isDirectory, type LoadedEvidence, problemsOf, readAuthorizationDetails, readCloudTrail, readCredentialReport } from './evidence-dir';
import { readAttestationFiles } from './attestation-files';
import { DEFAULT_LIMITS } from './read-limits';

const ACCOUNT_ID_RE = /^\d{12}$/;
// `AWSLogs/[o-<org>/]<account>/`: the account an (organization) trail's file belongs to.
const ACCOUNT_IN_PATH_RE = /(?:^|[\\/])AWSLogs[\\/](?:o-[a-z0-9]{10,32}[\\/])?(\d{12})[\\/]/;

/**
 * Multi-account evidence (CONTRACT §3): `accounts/<12-digit id>/credential-report.csv` and
 * `account-authorization-details.json` per account, beside one `cloudtrail/` of an organization
 * trail. Each account gets its own IAM evidence, its own events (by `recipientAccountId`, or the
 * `AWSLogs/<account>/` folder of a record naming none) and its own coverage. Fail closed:
 * an account whose events were read but whose folder is missing has no IAM evidence (its IAM
 * checks are `error`); a folder that is not an account id, or IAM files beside `accounts/` that
 * belong to no account, were not read, so every account's IAM checks are `error`; a CloudTrail
 * file not read whole makes the event checks of its account (of every account, when its path
 * names none) `error`; events naming no account make every account's event checks `error`.
 */
export async function loadOrganizationDir(dir: string, options: EvidenceOptions): Promise<LoadedEvidence> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const inputs: InputRecord[] = [];
  const stray: string[] = [];
  const iam = new Map<string, { credentialReport: Evidence<CredentialReport>; authorization: Evidence<AuthorizationDetails> }>();
  for (const name of readdirSync(join(dir, EVIDENCE_FILES.accounts)).sort()) {
    const folder = `${EVIDENCE_FILES.accounts}/${name}`;
    if (!ACCOUNT_ID_RE.test(name) || !isDirectory(join(dir, folder))) {
      const problem = 'not a folder named by a 12-digit AWS account id: not read, so no account is known to be whole';
      inputs.push({ source: folder, kind: 'account', status: 'skipped', records: 0, sha256: '', problem });
      stray.push(`${folder}: ${problem}`);
      continue;
    }
    iam.set(name, {
      credentialReport: readCredentialReport(dir, `${folder}/${EVIDENCE_FILES.credentialReport}`, inputs, limits),
      authorization: readAuthorizationDetails(dir, `${folder}/${EVIDENCE_FILES.authorizationDetails}`, inputs, limits),
    });
  }
  for (const file of [EVIDENCE_FILES.credentialReport, EVIDENCE_FILES.authorizationDetails]) {
    if (!existsSync(join(dir, file))) continue;
    const problem = `beside ${EVIDENCE_FILES.accounts}/: belongs to no account folder, not read (move it into ${EVIDENCE_FILES.accounts}/<account id>/)`;
    inputs.push({ source: file, kind: file === EVIDENCE_FILES.credentialReport ? 'credential-report' : 'authorization-details', status: 'skipped', records: 0, sha256: '', problem });
    stray.push(`${file}: ${problem}`);
  }

  const trail = await readCloudTrail(dir, options, inputs, limits, [...iam.keys()]);
  // AI attestations are the coding system's, not an account's: the organization's, beside accounts/.
  const attestations = await readAttestationFiles(dir, inputs);
  const byAccount = new Map<string, AuditEvent[]>();
  // Problems of every account's events: read only when there are events (else each account's events are the trail's error).
  const everyone: string[] = [];
  if (trail.events.ok) {
    let unattributed = 0;
    for (const e of trail.events.value) {
      if (e.account === undefined) {
        unattributed += 1;
        continue;
      }
      const list = byAccount.get(e.account) ?? [];
      list.push(e);
      byAccount.set(e.account, list);
    }
    const fileProblems = new Set(problemsOf(trail.trailInputs));
    everyone.push(
      ...(unattributed > 0 ? [`${unattributed} events name no account (no recipientAccountId, not under AWSLogs/<account>/): not attributed to any account`] : []),
      // Inputs whose path names no account, and conflicting copies of an event: every account's.
      ...trailProblemsOf(trail.trailInputs, undefined),
      ...(trail.events.problems ?? []).filter((p) => !fileProblems.has(p)),
    );
  }
  const ids = [...new Set([...iam.keys(), ...byAccount.keys(), ...trail.coverage.gaps.flatMap((g) => (g.account ? [g.account] : []))])].sort();
  const perAccount = ids.map((account) => {
    const own = iam.get(account);
    const missing: Evidence<never> = { ok: false, error: `${EVIDENCE_FILES.accounts}/${account}/ is not in the evidence: the trail holds this account's events but not its IAM evidence` };
    const eventProblems = [...trailProblemsOf(trail.trailInputs, account), ...everyone];
    const events: Evidence<readonly AuditEvent[]> = trail.events.ok
      ? { ok: true, value: byAccount.get(account) ?? [], ...(eventProblems.length ? { problems: eventProblems } : {}) }
      : trail.events;
    return { account, credentialReport: withProblems(own?.credentialReport ?? missing, stray), authorization: withProblems(own?.authorization ?? missing, stray), events };
  });
  const accounts: AccountEvidence[] = perAccount.map(({ account, ...evidence }) => ({ account, evidence }));
  return {
    model: {
      credentialReport: mergeEvidence(perAccount.map((m) => [m.account, m.credentialReport] as const), (vs) => ({ users: vs.flatMap((v) => v.users), hasKeyLastUsed: vs.every((v) => v.hasKeyLastUsed) })),
      authorization: mergeEvidence(perAccount.map((m) => [m.account, m.authorization] as const), (vs) => ({ users: vs.flatMap((v) => v.users), groups: vs.flatMap((v) => v.groups), roles: vs.flatMap((v) => v.roles), policies: vs.flatMap((v) => v.policies) })),
      events: trail.events,
      coverage: trail.coverage,
      attestations,
      accounts,
    },
    inputs,
  };
}

/** The CloudTrail inputs not read whole under one account's `AWSLogs/<account>/` folder (`undefined`: under none). */
function trailProblemsOf(trailInputs: readonly InputRecord[], account: string | undefined): string[] {
  return problemsOf(trailInputs.filter((i) => ACCOUNT_IN_PATH_RE.exec(i.source)?.[1] === account));
}

function withProblems<T>(piece: Evidence<T>, problems: readonly string[]): Evidence<T> {
  if (!piece.ok || problems.length === 0) return piece;
  return { ...piece, problems: [...(piece.problems ?? []), ...problems] };
}

/**
 * The organization's view of one kind (what the checklist reads): every account's records
 * together; not whole when any account's is not, each problem naming its account.
 */
function mergeEvidence<T>(pieces: readonly (readonly [string, Evidence<T>])[], combine: (values: T[]) => T): Evidence<T> {
  const values: T[] = [];
  const problems: string[] = [];
  for (const [account, piece] of pieces) {
    if (piece.ok) {
      values.push(piece.value);
      problems.push(...(piece.problems ?? []).map((p) => `account ${account}: ${p}`));
    } else problems.push(`account ${account}: ${piece.error}`);
  }
  if (pieces.length === 0) return { ok: false, error: `${EVIDENCE_FILES.accounts}/ holds no account folder (accounts/<12-digit id>/)` };
  if (values.length === 0) return { ok: false, error: problems.join('; ') };
  return { ok: true, value: combine(values), ...(problems.length ? { problems } : {}) };
}
