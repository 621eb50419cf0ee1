import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { allTamperActions, cfnExecutionRolePattern, type ProtectedKind, TAMPER_ACTIONS, TAMPER_EVENTS } from '../../lib/tamper-actions';
import { SCP_MAX_CHARS, TamperProtectionScpStack } from '../../lib/tamper-scp';
import { deployedValues } from './resolve-template';
import { resourcesOf, synth } from './synth';

interface DenyStatement {
  Sid: string;
  Effect: string;
  Action: string[] | string;
  Resource: unknown[] | unknown;
  Condition?: unknown;
}

let template: Template;
let policy: { Roles: { Ref: string }[]; Groups: { Ref: string }[]; PolicyDocument: { Statement: DenyStatement[] } };

beforeAll(() => {
  // Workstations on, so the AppStream stack and fleet are among the protected resources.
  template = synth();
  const found = Object.entries(template.findResources('AWS::IAM::ManagedPolicy')).filter(([id]) => id.startsWith('TamperProtection'));
  expect(found).toHaveLength(1);
  policy = (found[0][1] as { Properties: typeof policy }).Properties;
});

const ids = (type: string) => Object.keys(template.findResources(type)).sort();
const statementOf = (kind: ProtectedKind) => policy.PolicyDocument.Statement.find((s) => s.Sid === `DenyTampering${kind[0].toUpperCase()}${kind.slice(1)}`);
const list = (v: unknown) => (Array.isArray(v) ? v : [v]);

describe('tamper denies: on every role of the stack and every person', () => {
  test('attached to every IAM role in the template, CDK helper roles included, and to every people group', () => {
    expect(policy.Roles.map((r) => r.Ref).sort()).toEqual(ids('AWS::IAM::Role'));
    expect(ids('AWS::IAM::Role')).toContainEqual(expect.stringMatching(/^CustomVpcRestrictDefaultSG/));
    expect(policy.Groups.map((g) => g.Ref).sort()).toEqual(ids('AWS::IAM::Group'));
  });

  test('only Deny statements, without any condition: inside the stack nothing is exempt', () => {
    for (const s of policy.PolicyDocument.Statement) {
      expect(s.Effect).toBe('Deny');
      expect(s.Condition).toBeUndefined();
    }
    expect(policy.PolicyDocument.Statement.flatMap((s) => list(s.Action)).sort()).toEqual(allTamperActions().sort());
  });

  test.each([
    ['trail', () => [{ 'Fn::GetAtt': [ids('AWS::CloudTrail::Trail')[0], 'Arn'] }]],
    ['keys', () => ids('AWS::KMS::Key').map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] }))],
    ['buckets', () => ids('AWS::S3::Bucket').map((id) => ({ 'Fn::GetAtt': [id, 'Arn'] }))],
  ] as const)('%s: every one of the stack’s resources of that kind', (kind, expected) => {
    const s = statementOf(kind);
    expect(s).toBeDefined();
    expect(list(s!.Action).sort()).toEqual([...TAMPER_ACTIONS[kind]].sort());
    expect(list(s!.Resource)).toEqual(expect.arrayContaining(expected()));
    expect(list(s!.Resource)).toHaveLength(expected().length);
  });

  test.each([
    ['flowLogs', 'AWS::EC2::FlowLog', 'vpc-flow-log/'],
    ['vpn', 'AWS::EC2::ClientVpnEndpoint', 'client-vpn-endpoint/'],
    ['workstations', 'AWS::AppStream::Stack', 'stack/'],
    ['workstations', 'AWS::AppStream::Fleet', 'fleet/'],
  ] as const)('%s: the %s by id', (kind, type, prefix) => {
    const s = statementOf(kind);
    expect(list(s!.Action).sort()).toEqual([...TAMPER_ACTIONS[kind]].sort());
    const rendered = JSON.stringify(s!.Resource);
    for (const id of ids(type)) expect(rendered).toContain(`":${prefix}",{"Ref":"${id}"}`);
  });

  test('log groups: every log group of the account in the region; the alert rule and the officers’ topic', () => {
    expect(JSON.stringify(statementOf('logGroups')!.Resource)).toContain(':log-group:*');
    const alerting = JSON.stringify(statementOf('alerting')!.Resource);
    expect(alerting).toContain(`{"Fn::GetAtt":["${ids('AWS::Events::Rule')[0]}","Arn"]}`);
    expect(alerting).toContain(`{"Ref":"${ids('AWS::SNS::Topic')[0]}"}`);
  });

  test('the deploy path is the only exemption: no role of this stack is CloudFormation’s execution role', () => {
    for (const role of resourcesOf(template, 'AWS::IAM::Role')) {
      expect(JSON.stringify((role.Properties as { AssumeRolePolicyDocument: unknown }).AssumeRolePolicyDocument)).not.toContain('cloudformation.amazonaws.com');
    }
  });

  test('deployed, the policy fits IAM’s 6,144 characters', () => {
    const doc = deployedValues(template)(policy.PolicyDocument);
    expect(JSON.stringify(doc).length).toBeLessThan(6144);
  });
});

describe('tamper alert: an EventBridge rule on the tamper events notifying the officers', () => {
  let rule: { EventPattern: { 'detail-type': string[]; detail: { $or: { eventSource: string[]; eventName: string[] }[]; userIdentity: unknown } }; Targets: { Arn: unknown; InputTransformer: { InputPathsMap: Record<string, string>; InputTemplate: string } }[] };
  beforeAll(() => {
    const rules = resourcesOf(template, 'AWS::Events::Rule').filter((r) => JSON.stringify(r.Properties).includes('AWS API Call via CloudTrail'));
    expect(rules).toHaveLength(1);
    rule = rules[0].Properties as typeof rule;
  });

  test('matches every tamper event, by source, and not CloudFormation’s own calls', () => {
    expect(rule.EventPattern['detail-type']).toEqual(['AWS API Call via CloudTrail']);
    const matched = Object.fromEntries(rule.EventPattern.detail.$or.map((o) => [o.eventSource[0], o.eventName]));
    expect(matched).toEqual(TAMPER_EVENTS);
    expect(rule.EventPattern.detail.userIdentity).toEqual({ invokedBy: [{ 'anything-but': ['cloudformation.amazonaws.com'] }, { exists: false }] });
  });

  test('notifies the officers’ topic with the event name, time, account and region only (no principal, no request parameters)', () => {
    expect(rule.Targets).toHaveLength(1);
    expect(rule.Targets[0].Arn).toEqual({ Ref: ids('AWS::SNS::Topic')[0] });
    const { InputPathsMap, InputTemplate } = rule.Targets[0].InputTransformer;
    expect(Object.values(InputPathsMap).sort()).toEqual(['$.account', '$.detail.eventName', '$.region', '$.time']);
    expect(InputTemplate).not.toMatch(/userIdentity|requestParameters|sourceIPAddress|\$\.detail(?!\.eventName)/);
  });

  test('EventBridge may publish to the encrypted topic: the reports key admits it for this account only', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Sid: 'AllowEventBridgeThisAccountsRules',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
  });
});

describe('TamperProtectionScp: the same denies as a service control policy', () => {
  test('synthesizes on its own, from a management account: every tamper action, exempting only the CDK CloudFormation execution role', () => {
    const app = new App();
    const stack = new TamperProtectionScpStack(app, 'OrgGuardrails', { targetIds: ['ou-abcd-12345678'] });
    const scp = Template.fromStack(stack);
    scp.resourceCountIs('AWS::Organizations::Policy', 1);
    const props = resourcesOf(scp, 'AWS::Organizations::Policy')[0].Properties as { Type: string; TargetIds: string[]; Content: { Statement: DenyStatement[] } };
    expect(props.Type).toBe('SERVICE_CONTROL_POLICY');
    expect(props.TargetIds).toEqual(['ou-abcd-12345678']);
    expect(props.Content.Statement).toEqual([
      {
        Sid: 'DenyAuditTrailTamperingButTheDeployment',
        Effect: 'Deny',
        Action: allTamperActions(),
        Resource: '*',
        Condition: { ArnNotLike: { 'aws:PrincipalArn': [cfnExecutionRolePattern('hnb659fds')] } },
      },
    ]);
    expect(cfnExecutionRolePattern('hnb659fds')).toBe('arn:*:iam::*:role/cdk-hnb659fds-cfn-exec-role-*-*');
    expect(JSON.stringify(props.Content).length).toBeLessThanOrEqual(SCP_MAX_CHARS);
  });

  test('a custom bootstrap qualifier moves the exemption with it', () => {
    const stack = new TamperProtectionScpStack(new App(), 'OrgGuardrails', { targetIds: ['r-abcd'], bootstrapQualifier: 'coding01' });
    expect(JSON.stringify(Template.fromStack(stack).toJSON())).toContain('cdk-coding01-cfn-exec-role-');
  });
});
