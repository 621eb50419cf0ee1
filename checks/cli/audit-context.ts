import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { InputError } from '../../lib/config/load';
import type { LoadedEvidence } from '../evidence/evidence-dir';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { reportSchema } from '../report-model';
import type { AuditScope } from '../report/auditor-schema';
import type { PreviousReport } from '../report/comparison';
import { auditScope, sha256Hex } from '../report/scope';
import type { AuditOptions } from './options';

/** `--previous` files, each validated; one that cannot be read or is not a report is bad input (exit 2), naming the file. */
export function readPreviousReports(files: readonly string[]): PreviousReport[] {
  return files.map((file) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch (err) {
      throw new InputError(file, [{ path: '', message: `--previous cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` }]);
    }
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    } catch {
      throw new InputError(file, [{ path: '', message: '--previous is not JSON (expected a report.json written by coding-env audit)' }]);
    }
    const parsed = reportSchema.safeParse(json);
    if (!parsed.success) {
      throw new InputError(file, parsed.error.issues.slice(0, 10).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
    }
    return { report: parsed.data, sha256: sha256Hex(bytes) };
  });
}

/** The scope of this run: hashes of the config and register files as read, and who ran it. */
export async function auditScopeOf(options: AuditOptions, loaded: LoadedEvidence, sts?: STSClient): Promise<AuditScope> {
  const evidence = options.source.kind === 'evidence' ? options.source : undefined;
  const runBy = evidence ? osUser() : await awsCaller(sts ?? new STSClient(SDK_OPTIONS));
  return auditScope({
    // --athena reads the account live too (its events through Athena, listed in the inputs).
    source: evidence ? 'evidence' : 'live',
    evidenceDir: evidence?.dir,
    model: loaded.model,
    inputs: loaded.inputs,
    runBy,
    configSha256: fileSha256(options.config) ?? '',
    registerSha256: fileSha256(options.register),
  });
}

function fileSha256(file: string): string | null {
  try {
    return sha256Hex(readFileSync(file));
  } catch {
    return null;
  }
}

async function awsCaller(sts: STSClient): Promise<AuditScope['runBy']> {
  try {
    const me = await sts.send(new GetCallerIdentityCommand({}));
    return { kind: 'aws-caller', identity: me.Arn ?? `account ${me.Account ?? 'unknown'}` };
  } catch (err) {
    return { kind: 'aws-caller', identity: `unknown (sts:GetCallerIdentity failed: ${(err as Error).name})` };
  }
}

function osUser(): AuditScope['runBy'] {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
  return { kind: 'os-user', identity: `${name}@${hostname()}` };
}
