import type { Template } from 'aws-cdk-lib/assertions';
import { OWN_USER_ID } from '../../lib/streaming-access';
import { type CfnResourceJson, resourcesOf, synth } from './synth';

type Statement = { Sid: string; Action: string | string[]; Resource: unknown; Condition: Record<string, Record<string, unknown>> };

function streamingPolicy(template: Template): { statements: Statement[]; groups: unknown[] } {
  const found = resourcesOf(template, 'AWS::IAM::ManagedPolicy').filter((p) => JSON.stringify(p.Properties).includes('appstream:CreateStreamingURL'));
  expect(found).toHaveLength(1);
  const props = found[0].Properties as { PolicyDocument: { Statement: Statement[] }; Groups: unknown[] };
  return { statements: props.PolicyDocument.Statement, groups: props.Groups };
}

describe('StreamingAccess: a person opens their own workstation', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  test('CreateStreamingURL only on our stack and fleet, for the user id that is the caller\'s own IAM user name, with MFA, through the VPC', () => {
    const { statements } = streamingPolicy(template);
    const create = statements.filter((s) => s.Action === 'appstream:CreateStreamingURL');
    expect(create).toHaveLength(2);
    const stackId = Object.keys(template.findResources('AWS::AppStream::Stack'))[0];
    const fleetId = Object.keys(template.findResources('AWS::AppStream::Fleet'))[0];
    for (const s of create) {
      expect(JSON.stringify(s.Resource)).toContain(`"Ref":"${stackId}"`);
      expect(JSON.stringify(s.Resource)).toContain(`"Ref":"${fleetId}"`);
      expect((s.Resource as unknown[]).length).toBe(2);
      expect(s.Condition.StringEqualsIfExists).toEqual({ 'appstream:userId': OWN_USER_ID });
      expect(OWN_USER_ID).toBe('${aws:username}');
      expect(s.Condition.Bool).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
    }
    const apiEndpointId = Object.entries(template.findResources('AWS::EC2::VPCEndpoint')).find(([, e]) => JSON.stringify(e).includes('.appstream.api'))![0];
    const vpcId = Object.keys(template.findResources('AWS::EC2::VPC'))[0];
    expect(create.map((s) => s.Condition.StringEquals)).toEqual([{ 'aws:SourceVpce': { Ref: apiEndpointId } }, { 'aws:SourceVpc': { Ref: vpcId } }]);
  });

  test('nothing else writes: the other actions are the AppStream console\'s read-only listing, also behind MFA and the VPC', () => {
    const { statements } = streamingPolicy(template);
    const actions = [...new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])))].sort();
    expect(actions).toEqual(['appstream:CreateStreamingURL', 'appstream:DescribeFleets', 'appstream:DescribeStacks', 'appstream:ListAssociatedFleets']);
    for (const s of statements) {
      expect(s.Condition.Bool).toEqual({ 'aws:MultiFactorAuthPresent': 'true' });
      expect(Object.keys(s.Condition.StringEquals)).toHaveLength(1);
    }
  });

  test('attached to the coders\' groups only (never users, never auditors or admins)', () => {
    const { groups } = streamingPolicy(template);
    const names = groups.map((g) => {
      const group = template.findResources('AWS::IAM::Group')[(g as { Ref: string }).Ref] as CfnResourceJson;
      return (group.Properties as { GroupName: string }).GroupName;
    });
    expect(names.sort()).toEqual(['coders-behavioral-health', 'coders-cardiology', 'coders-orthopedics']);
  });

  test('people still have no access keys: the outputs a coder needs exist instead', () => {
    template.resourceCountIs('AWS::IAM::AccessKey', 0);
    for (const output of ['WorkstationStackName', 'WorkstationFleetName', 'WorkstationConsoleUrl', 'ConsoleSignInUrl', 'VpnEndpointId']) template.hasOutput(output, {});
  });
});

describe('StreamingAccess without workstations', () => {
  test('no streaming permission and no AppStream API endpoint', () => {
    const template = synth({ mutate: (raw) => void (raw.workstations = { enabled: false }) });
    expect(JSON.stringify(template.toJSON())).not.toContain('appstream:CreateStreamingURL');
    expect(JSON.stringify(template.findResources('AWS::EC2::VPCEndpoint'))).not.toContain('.appstream.api');
    expect(Object.keys(template.toJSON().Outputs)).not.toContain('WorkstationFleetName');
  });
});
