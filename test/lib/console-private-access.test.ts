import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { buildCodingEnv } from '../../lib/build-app';
import { parseConfig } from '../../lib/config/load';
import { ConsolePrivateAccess } from '../../lib/console-private-access';
import { Network } from '../../lib/network';
import { AS_OF, type CfnResourceJson, exampleConfig, resourcesOf, SKIP_BUNDLING, synth } from './synth';

const SAML_VPN = {
  serverCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
  samlProviderArn: 'arn:aws:iam::111122223333:saml-provider/ExampleIdP',
  accessGroupId: 'coding-vpn-users',
};

/** A record or endpoint name as one string, `{Ref: AWS::Region}` as `<region>`. */
function nameOf(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map((part) => (typeof part === 'string' ? part : (part as { Ref?: string }).Ref === 'AWS::Region' ? '<region>' : JSON.stringify(part))).join(join[0]);
  return JSON.stringify(value);
}

type EndpointProps = { ServiceName: unknown; PrivateDnsEnabled?: boolean; PolicyDocument?: { Statement: Record<string, unknown>[] }; SubnetIds: unknown[]; SecurityGroupIds: { 'Fn::GetAtt': [string, string] }[] };

function endpointsByService(template: ReturnType<typeof synth>): Map<string, { id: string; props: EndpointProps }> {
  return new Map(
    Object.entries(template.findResources('AWS::EC2::VPCEndpoint')).map(([id, r]) => {
      const props = (r as CfnResourceJson).Properties as EndpointProps;
      return [nameOf(props.ServiceName), { id, props }];
    }),
  );
}

const PINNED_TO_ACCOUNT = { StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } } };

describe.each([
  ['mutual TLS (the example)', undefined],
  ['SAML', SAML_VPN],
])('Console Private Access with %s', (_mode, vpn) => {
  let template: ReturnType<typeof synth>;
  beforeAll(() => {
    template = synth({
      mutate: (raw) => {
        if (vpn) raw.network.vpn = vpn;
      },
    });
  });

  test('console, sign-in and console-static interface endpoints, without private DNS of their own, in the private subnets', () => {
    const endpoints = endpointsByService(template);
    for (const service of ['console', 'signin', 'console-static']) {
      const endpoint = endpoints.get(`com.amazonaws.<region>.${service}`);
      expect(endpoint).toBeDefined();
      expect(endpoint!.props).toMatchObject({ VpcEndpointType: 'Interface', PrivateDnsEnabled: false });
      expect(endpoint!.props.SubnetIds).toHaveLength(2);
    }
  });

  test('their security group admits HTTPS from the VPC and the VPN client range, and nothing leaves it', () => {
    const endpoint = endpointsByService(template).get('com.amazonaws.<region>.console')!;
    const group = template.findResources('AWS::EC2::SecurityGroup')[endpoint.props.SecurityGroupIds[0]['Fn::GetAtt'][0]] as CfnResourceJson;
    const ingress = (group.Properties as { SecurityGroupIngress: Record<string, unknown>[] }).SecurityGroupIngress;
    expect(ingress.map((i) => [i.CidrIp, i.IpProtocol, i.FromPort, i.ToPort])).toEqual([
      ['10.20.0.0/16', 'tcp', 443, 443],
      ['10.100.0.0/22', 'tcp', 443, 443],
    ]);
    expect((group.Properties as { SecurityGroupEgress: Record<string, unknown>[] }).SecurityGroupEgress).toEqual([
      expect.objectContaining({ CidrIp: '255.255.255.255/32' }),
    ]);
  });

  test('the console endpoint admits only sessions of this account; sign-in only this account, before and after credentials', () => {
    const endpoints = endpointsByService(template);
    expect(endpoints.get('com.amazonaws.<region>.console')!.props.PolicyDocument!.Statement).toEqual([
      { Sid: 'OnlyThisAccountsSessions', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: PINNED_TO_ACCOUNT },
    ]);
    expect(endpoints.get('com.amazonaws.<region>.signin')!.props.PolicyDocument!.Statement).toEqual([
      { Sid: 'OnlyThisAccountsSessions', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: PINNED_TO_ACCOUNT },
      {
        Sid: 'OnlySignInToThisAccount',
        Effect: 'Allow',
        Principal: '*',
        Action: 'signin:Authenticate',
        Resource: '*',
        Condition: { StringEquals: { 'aws:ResourceAccount': { Ref: 'AWS::AccountId' } } },
      },
    ]);
    expect(endpoints.get('com.amazonaws.<region>.appstream.api')!.props.PolicyDocument!.Statement).toEqual([
      expect.objectContaining({ Effect: 'Allow', Principal: '*', Action: '*', Condition: PINNED_TO_ACCOUNT }),
    ]);
  });

  test('private hosted zones console.aws.amazon.com and signin.aws.amazon.com, on the VPC whose resolver the VPN hands out', () => {
    const zones = resourcesOf(template, 'AWS::Route53::HostedZone').map((z) => z.Properties as { Name: string; VPCs: { VPCId: { Ref: string } }[] });
    expect(zones.map((z) => z.Name).sort()).toEqual(['console.aws.amazon.com.', 'signin.aws.amazon.com.']);
    const vpcId = Object.keys(template.findResources('AWS::EC2::VPC'))[0];
    for (const zone of zones) expect(zone.VPCs).toEqual([{ VPCId: { Ref: vpcId }, VPCRegion: { Ref: 'AWS::Region' } }]);
    template.hasResourceProperties('AWS::EC2::ClientVpnEndpoint', { DnsServers: ['10.20.0.2'] });
  });

  test("the documented names point at our endpoints; the Region-less ones only in us-east-1, where AWS serves them", () => {
    const endpoints = endpointsByService(template);
    const consoleId = endpoints.get('com.amazonaws.<region>.console')!.id;
    const signinId = endpoints.get('com.amazonaws.<region>.signin')!.id;
    const records = Object.values(template.toJSON().Resources as Record<string, { Type: string; Condition?: string; Properties: Record<string, unknown> }>)
      .filter((r) => r.Type === 'AWS::Route53::RecordSet')
      .map((r) => {
        const target = JSON.stringify(r.Properties.AliasTarget);
        return { name: nameOf(r.Properties.Name), type: r.Properties.Type, to: target.includes(consoleId) ? 'console' : target.includes(signinId) ? 'signin' : target, condition: r.Condition };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
    const usEast1 = Object.keys(template.toJSON().Conditions as Record<string, unknown>).find((c) => c.includes('InUsEast1'));
    expect(template.toJSON().Conditions[usEast1!]).toEqual({ 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] });
    expect(records).toEqual(
      [
        { name: '*.<region>.console.aws.amazon.com.', type: 'A', to: 'console', condition: undefined },
        { name: '*.console.aws.amazon.com.', type: 'A', to: 'console', condition: usEast1 },
        { name: '<region>.console.aws.amazon.com.', type: 'A', to: 'console', condition: undefined },
        { name: '<region>.signin.aws.amazon.com.', type: 'A', to: 'signin', condition: undefined },
        { name: 'console.aws.amazon.com.', type: 'A', to: 'console', condition: usEast1 },
        { name: 'signin.aws.amazon.com.', type: 'A', to: 'signin', condition: usEast1 },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
  });

  test('the VPN authorizes the VPC only, and nothing routes the VPN client range beyond it', () => {
    const rules = resourcesOf(template, 'AWS::EC2::ClientVpnAuthorizationRule');
    expect(rules.map((r) => r.Properties?.TargetNetworkCidr)).toEqual(['10.20.0.0/16']);
    template.resourceCountIs('AWS::EC2::ClientVpnRoute', 0);
    // Nor does any VPC route table send the client range anywhere.
    for (const route of resourcesOf(template, 'AWS::EC2::Route')) expect(route.Properties?.DestinationCidrBlock).not.toBe('10.100.0.0/22');
  });

  test('outputs for the first day: the sign-in URL, the account id, whether the Region-less names are private', () => {
    template.hasOutput('ConsoleSignInUrl', {
      Value: { 'Fn::Join': ['', ['https://', { Ref: 'AWS::Region' }, '.console.aws.amazon.com/console/home?region=', { Ref: 'AWS::Region' }]] },
    });
    template.hasOutput('AccountId', { Value: { Ref: 'AWS::AccountId' } });
    const regionless = (template.toJSON().Outputs as Record<string, { Value: { 'Fn::If': [string, string, string] } }>).ConsoleRegionlessNames;
    expect(regionless.Value['Fn::If'][1]).toMatch(/^private/);
    expect(regionless.Value['Fn::If'][2]).toMatch(/^NOT private/);
  });
});

describe('ConsolePrivateAccess (construct)', () => {
  const build = (props: Partial<ConstructorParameters<typeof ConsolePrivateAccess>[2]> = {}) => {
    const stack = new Stack(new App(), 'T');
    const vpc = new ec2.Vpc(stack, 'V', { subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new ConsolePrivateAccess(stack, 'Console', { vpc, subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, vpcCidr: '10.0.0.0/16', vpnClientCidr: '10.100.0.0/22', ...props });
    return Template.fromStack(stack);
  };

  test('an organization pins every endpoint policy to it instead of the account', () => {
    const template = build({ organizationId: 'o-a1b2c3d4e5' });
    const policies = resourcesOf(template, 'AWS::EC2::VPCEndpoint').flatMap((e) => (e.Properties as EndpointProps).PolicyDocument?.Statement ?? []);
    expect(policies.map((s) => s.Condition)).toEqual([
      { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } },
      { StringEquals: { 'aws:ResourceOrgID': 'o-a1b2c3d4e5' } },
    ]);
  });

  test('refuses an organization id that is not one', () => {
    expect(() => build({ organizationId: 'o-*' })).toThrow(/organizationId must look like o-/);
  });

  test('console static domains get a private zone each, apex and wildcard on the console-static endpoint', () => {
    const template = build({ consoleStaticDomains: ['static.example.aws'] });
    template.hasResourceProperties('AWS::Route53::HostedZone', { Name: 'static.example.aws.' });
    const names = resourcesOf(template, 'AWS::Route53::RecordSet').map((r) => nameOf(r.Properties?.Name));
    expect(names).toEqual(expect.arrayContaining(['static.example.aws.', '*.static.example.aws.']));
    expect(() => build({ consoleStaticDomains: ['not a domain'] })).toThrow(/consoleStaticDomains\[0\] is not a domain name/);
  });

  test('the resolver the VPN hands out is the one that answers for the private zones (VPC base + 2)', () => {
    expect(Network.resolverAddress('10.0.0.0/16')).toBe('10.0.0.2');
  });
});

describe('CodingEnvStack.peopleEndpoints: the set a people guard pins to', () => {
  test('console, sign-in, console-static and (with workstations) the AppStream API endpoint', () => {
    const stack = buildCodingEnv(new App({ context: { [SKIP_BUNDLING]: [] } }), parseConfig(exampleConfig(), 'example'), { asOf: AS_OF });
    const services = stack.peopleEndpoints.map((e) => nameOf(stack.resolve((e.node.defaultChild as ec2.CfnVPCEndpoint).serviceName)));
    expect(services).toEqual(['console', 'signin', 'console-static', 'appstream.api'].map((s) => `com.amazonaws.<region>.${s}`));
  });

  test("the config's network.consoleStaticDomains reach the construct: a private zone each, beside the two console zones", () => {
    const raw = exampleConfig();
    raw.network.consoleStaticDomains = ['static.console.example.aws'];
    const stack = buildCodingEnv(new App({ context: { [SKIP_BUNDLING]: [] } }), parseConfig(raw, 'example'), { asOf: AS_OF });
    const zones = stack.node.findAll().filter((c): c is route53.PrivateHostedZone => c instanceof route53.PrivateHostedZone);
    expect(zones.map((z) => z.zoneName).sort()).toEqual(['console.aws.amazon.com', 'signin.aws.amazon.com', 'static.console.example.aws']);
  });
});
