import { Match, type Template } from 'aws-cdk-lib/assertions';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ClientVpn } from '../../lib/client-vpn';
import { expectNoCredentials, logicalIdWhere, onlyResourceOf, resourcesOf, subnetIdsOfType, synth } from './synth';

const SAML_PROVIDER = 'arn:aws:iam::111122223333:saml-provider/ExampleIdP';
const SERVER_CERT = 'arn:aws:acm:us-east-1:111122223333:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

describe('ClientVpn (mutual TLS, the example)', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  test('full tunnel, 8-hour sessions, VPC resolver for DNS, banner saying access is logged and for HIPAA work only', () => {
    template.hasResourceProperties('AWS::EC2::ClientVpnEndpoint', {
      SplitTunnel: false,
      SessionTimeoutHours: 8,
      DnsServers: Match.arrayWith(['10.20.0.2']),
      ClientCidrBlock: '10.100.0.0/22',
      ClientLoginBannerOptions: { Enabled: true, BannerText: Match.stringLikeRegexp('(?=.*logged)(?=.*authorized HIPAA work only)') },
    });
  });

  test('mutual TLS with the configured certificates', () => {
    template.hasResourceProperties('AWS::EC2::ClientVpnEndpoint', {
      ServerCertificateArn: SERVER_CERT,
      AuthenticationOptions: [
        {
          Type: 'certificate-authentication',
          MutualAuthentication: { ClientRootCertificateChainArn: 'arn:aws:acm:us-east-1:111122223333:certificate/9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d' },
        },
      ],
    });
  });

  test('connection logs go to a six-year KMS log group', () => {
    const endpoint = onlyResourceOf(template, 'AWS::EC2::ClientVpnEndpoint').Properties as { ConnectionLogOptions: { Enabled: boolean; CloudwatchLogGroup: { Ref: string } } };
    expect(endpoint.ConnectionLogOptions.Enabled).toBe(true);
    const group = template.findResources('AWS::Logs::LogGroup')[endpoint.ConnectionLogOptions.CloudwatchLogGroup.Ref] as { Properties: Record<string, unknown> };
    expect(group.Properties).toMatchObject({ RetentionInDays: 2192, KmsKeyId: expect.anything() });
  });

  test('every certificate holder is authorized, to the VPC CIDR only (no route out: that would authorize them all beyond the VPC)', () => {
    template.resourceCountIs('AWS::EC2::ClientVpnRoute', 0);
    const rules = resourcesOf(template, 'AWS::EC2::ClientVpnAuthorizationRule');
    expect(rules).toHaveLength(1);
    expect(rules[0].Properties).toMatchObject({ TargetNetworkCidr: '10.20.0.0/16', AuthorizeAllGroups: true });
  });

  test('associated with each private subnet, never the NAT subnet', () => {
    const subnetIds = subnetIdsOfType(template, 'Private');
    expect(subnetIds).toHaveLength(2);
    const associated = resourcesOf(template, 'AWS::EC2::ClientVpnTargetNetworkAssociation').map((a) => (a.Properties as { SubnetId: { Ref: string } }).SubnetId.Ref);
    expect(associated.sort()).toEqual(subnetIds.sort());
  });

  test('has its own security group whose egress reaches the VPC only', () => {
    const endpoint = onlyResourceOf(template, 'AWS::EC2::ClientVpnEndpoint').Properties as { SecurityGroupIds: { 'Fn::GetAtt': [string, string] }[] };
    expect(endpoint.SecurityGroupIds).toHaveLength(1);
    const group = template.findResources('AWS::EC2::SecurityGroup')[endpoint.SecurityGroupIds[0]['Fn::GetAtt'][0]] as { Properties: { SecurityGroupEgress: { CidrIp: string }[] } };
    expect(group.Properties.SecurityGroupEgress.map((e) => e.CidrIp)).toEqual(['10.20.0.0/16']);
  });
});

describe('ClientVpn (SAML)', () => {
  let template: Template;
  beforeAll(() => {
    template = synth({
      mutate: (raw) => {
        raw.network.vpn = { serverCertificateArn: SERVER_CERT, samlProviderArn: SAML_PROVIDER, accessGroupId: 'coding-vpn-users' };
      },
    });
  });

  test('federated authentication with the configured SAML provider', () => {
    template.hasResourceProperties('AWS::EC2::ClientVpnEndpoint', {
      AuthenticationOptions: [{ Type: 'federated-authentication', FederatedAuthentication: { SAMLProviderArn: SAML_PROVIDER } }],
      SplitTunnel: false,
    });
  });

  test('only the configured IdP group is authorized, to the VPC only; never all groups', () => {
    const rules = resourcesOf(template, 'AWS::EC2::ClientVpnAuthorizationRule');
    expect(rules).toHaveLength(1);
    expect(rules[0].Properties).toMatchObject({ TargetNetworkCidr: '10.20.0.0/16', AccessGroupId: 'coding-vpn-users' });
    expect(rules[0].Properties).not.toHaveProperty('AuthorizeAllGroups');
    expect(logicalIdWhere(template, 'AWS::EC2::ClientVpnEndpoint', { SessionTimeoutHours: 8 })).toEqual(expect.any(String));
  });

  test('no route beyond the VPC (no 0.0.0.0/0 through the NAT) and egress to the VPC only', () => {
    template.resourceCountIs('AWS::EC2::ClientVpnRoute', 0);
    const endpoint = onlyResourceOf(template, 'AWS::EC2::ClientVpnEndpoint').Properties as { SecurityGroupIds: { 'Fn::GetAtt': [string, string] }[] };
    const group = template.findResources('AWS::EC2::SecurityGroup')[endpoint.SecurityGroupIds[0]['Fn::GetAtt'][0]] as { Properties: { SecurityGroupEgress: Record<string, unknown>[] } };
    expect(group.Properties.SecurityGroupEgress).toEqual([expect.objectContaining({ CidrIp: '10.20.0.0/16', IpProtocol: '-1' })]);
  });

  test('holds no access key and no literal password', () => {
    expectNoCredentials(template);
  });
});

describe('ClientVpn: validation', () => {
  const build = (overrides: Partial<ConstructorParameters<typeof ClientVpn>[2]>) => () => {
    const stack = new Stack(new App(), 'T');
    const vpc = new ec2.Vpc(stack, 'V', { subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    new ClientVpn(stack, 'Vpn', {
      vpc,
      vpcCidr: '10.0.0.0/16',
      subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      clientCidr: '10.100.0.0/22',
      vpn: { serverCertificateArn: SERVER_CERT, clientRootCertificateArn: SERVER_CERT },
      dnsServers: ['10.0.0.2'],
      logsKey: new kms.Key(stack, 'K'),
      ...overrides,
    });
  };

  test('refuses sessions longer than 12 hours', () => {
    expect(build({ sessionTimeoutHours: 24 as 12 })).toThrow(/sessionTimeoutHours must be 8, 10 or 12, got 24/);
  });

  test('refuses an empty DNS server list', () => {
    expect(build({ dnsServers: [] })).toThrow(/dnsServers must list one or two/);
  });
});
