import {
  type CloudFormationClient,
  DescribeStackDriftDetectionStatusCommand,
  DescribeStackResourceDriftsCommand,
  DetectStackDriftCommand,
} from '@aws-sdk/client-cloudformation';
import { type CloudTrailClient, GetEventSelectorsCommand, GetTrailStatusCommand } from '@aws-sdk/client-cloudtrail';
import { GetObjectLockConfigurationCommand, type S3Client } from '@aws-sdk/client-s3';
import type { Evidence } from '../model/audit-model';
import type { AdvancedSelector, IntegrityState, IntegrityTarget, ResourceDrift } from '../model/integrity';
import type { InputRecord } from '../report-model';

export interface IntegrityClients {
  readonly cloudTrail: CloudTrailClient;
  readonly s3: S3Client;
  readonly cloudFormation: CloudFormationClient;
}

export interface ProbeOptions {
  /** Between drift-detection status polls. @default 5000 */
  readonly pollMs?: number;
  /** Polls before giving up (the function's timeout bounds the run). @default 48 */
  readonly maxPolls?: number;
  /** Pages of DescribeStackResourceDrifts at most. @default 50 */
  readonly maxPages?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/**
 * Reads the state the audit trail's integrity depends on, live: GetTrailStatus, GetEventSelectors,
 * GetObjectLockConfiguration on the archive, and CloudFormation's own drift detection on the
 * stack (DetectStackDrift, polled with DescribeStackDriftDetectionStatus, then
 * DescribeStackResourceDrifts). Any call that fails, a detection that fails or does not finish,
 * or a paginator that repeats itself makes the probe unavailable (the check is `error`).
 */
export async function probeIntegrity(clients: IntegrityClients, target: IntegrityTarget, inputs: InputRecord[], options: ProbeOptions = {}): Promise<Evidence<IntegrityState>> {
  try {
    const status = await step('cloudtrail:GetTrailStatus', () => clients.cloudTrail.send(new GetTrailStatusCommand({ Name: target.trailArn })));
    if (status.IsLogging === undefined) throw new Error('cloudtrail:GetTrailStatus: the answer has no IsLogging');
    const selectors = await step('cloudtrail:GetEventSelectors', () => clients.cloudTrail.send(new GetEventSelectorsCommand({ TrailName: target.trailArn })));
    const objectLock = await readObjectLock(clients.s3, target.archiveBucket);
    const drift = await detectDrift(clients.cloudFormation, target.stackName, options);
    const state: IntegrityState = {
      trail: { arn: target.trailArn, isLogging: status.IsLogging },
      selectors: {
        basic: (selectors.EventSelectors ?? []).map((s) => ({
          readWriteType: s.ReadWriteType ?? 'All',
          dataResources: (s.DataResources ?? []).map((d) => ({ type: d.Type ?? '', values: d.Values ?? [] })),
        })),
        advanced: (selectors.AdvancedEventSelectors ?? []).map(
          (s): AdvancedSelector => ({
            fields: (s.FieldSelectors ?? []).map((f) => ({
              field: f.Field ?? '',
              ...(f.Equals ? { equals: f.Equals } : {}),
              ...(f.StartsWith ? { startsWith: f.StartsWith } : {}),
              ...(f.NotEquals ? { notEquals: f.NotEquals } : {}),
              ...(f.NotStartsWith ? { notStartsWith: f.NotStartsWith } : {}),
              ...(f.EndsWith ? { endsWith: f.EndsWith } : {}),
              ...(f.NotEndsWith ? { notEndsWith: f.NotEndsWith } : {}),
            })),
          }),
        ),
      },
      objectLock,
      drift,
    };
    inputs.push({ source: `api:integrity:${target.stackName}`, kind: 'integrity-probe', status: 'read', records: 3 + drift.resources.length, sha256: '' });
    return { ok: true, value: state };
  } catch (err) {
    const problem = (err as Error).message;
    inputs.push({ source: `api:integrity:${target.stackName}`, kind: 'integrity-probe', status: 'skipped', records: 0, sha256: '', problem });
    return { ok: false, error: `integrity probe: ${problem}` };
  }
}

/** A call, its failure named by the API action (never the request or response body). */
async function step<T>(action: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const e = err as Error;
    if (e.message.startsWith(`${action}:`)) throw e;
    throw new Error(`${action} failed: ${e.name}${e.message ? ` (${e.message.split('\n')[0]})` : ''}`);
  }
}

/** No Object Lock configuration at all is a state to judge (lock removed), not a failed call. */
async function readObjectLock(s3: S3Client, bucket: string): Promise<IntegrityState['objectLock']> {
  try {
    const { ObjectLockConfiguration: c } = await s3.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    const retention = c?.Rule?.DefaultRetention;
    return {
      enabled: c?.ObjectLockEnabled === 'Enabled',
      ...(retention?.Mode ? { mode: retention.Mode } : {}),
      ...(retention?.Days !== undefined ? { days: retention.Days } : {}),
      ...(retention?.Years !== undefined ? { years: retention.Years } : {}),
    };
  } catch (err) {
    if ((err as Error).name === 'ObjectLockConfigurationNotFoundError') return { enabled: false };
    return step('s3:GetObjectLockConfiguration', () => Promise.reject(err));
  }
}

async function detectDrift(cfn: CloudFormationClient, stackName: string, options: ProbeOptions): Promise<IntegrityState['drift']> {
  const pollMs = options.pollMs ?? 5000;
  const maxPolls = options.maxPolls ?? 48;
  const maxPages = options.maxPages ?? 50;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const { StackDriftDetectionId: id } = await step('cloudformation:DetectStackDrift', () => cfn.send(new DetectStackDriftCommand({ StackName: stackName })));
  if (!id) throw new Error('cloudformation:DetectStackDrift: the answer has no StackDriftDetectionId');
  let stackStatus: string | undefined;
  for (let poll = 0; ; poll++) {
    const s = await step('cloudformation:DescribeStackDriftDetectionStatus', () => cfn.send(new DescribeStackDriftDetectionStatusCommand({ StackDriftDetectionId: id })));
    if (s.DetectionStatus === 'DETECTION_COMPLETE') {
      stackStatus = s.StackDriftStatus ?? 'UNKNOWN';
      break;
    }
    if (s.DetectionStatus === 'DETECTION_FAILED') {
      // Partial results cannot prove the security resources unchanged: fail closed, with AWS's reason.
      throw new Error(`drift detection of stack ${stackName} failed: ${s.DetectionStatusReason ?? 'no reason given'}`);
    }
    if (poll + 1 >= maxPolls) throw new Error(`drift detection of stack ${stackName} did not finish after ${maxPolls} polls`);
    await sleep(pollMs);
  }

  const resources: ResourceDrift[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 0; ; page++) {
    if (page >= maxPages) throw new Error(`cloudformation:DescribeStackResourceDrifts: more than ${maxPages} pages`);
    const out = await step('cloudformation:DescribeStackResourceDrifts', () => cfn.send(new DescribeStackResourceDriftsCommand({ StackName: stackName, NextToken: token })));
    for (const d of out.StackResourceDrifts ?? []) {
      resources.push({
        logicalId: d.LogicalResourceId ?? '',
        type: d.ResourceType ?? '',
        status: d.StackResourceDriftStatus ?? 'UNKNOWN',
        properties: (d.PropertyDifferences ?? []).map((p) => p.PropertyPath ?? '').filter(Boolean),
      });
    }
    token = out.NextToken;
    if (!token) break;
    if (seen.has(token)) throw new Error('cloudformation:DescribeStackResourceDrifts: the paginator repeated a token');
    seen.add(token);
  }
  return { stack: stackName, stackStatus, resources };
}
