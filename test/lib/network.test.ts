import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Network } from '../../lib/network';
import { resourcesOf, synth } from './synth';

describe('Network: private subnets, endpoints, flow logs', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  test('the VPC uses the configured CIDR and has no internet or NAT gateway', () => {
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    template.resourceCountIs('AWS::EC2::InternetGateway', 0);
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    for (const subnet of resourcesOf(template, 'AWS::EC2::Subnet')) {
      expect(subnet.Properties).toMatchObject({ MapPublicIpOnLaunch: false });
    }
    expect(resourcesOf(template, 'AWS::EC2::Subnet')).toHaveLength(2);
  });

  test('no availability-zone lookup: zones come from Fn::GetAZs', () => {
    for (const subnet of resourcesOf(template, 'AWS::EC2::Subnet')) {
      expect(JSON.stringify(subnet.Properties?.AvailabilityZone)).toContain('Fn::GetAZs');
    }
  });

  test('flow logs of all traffic go to a six-year KMS log group', () => {
    const flowLog = resourcesOf(template, 'AWS::EC2::FlowLog');
    expect(flowLog).toHaveLength(1);
    const props = flowLog[0].Properties as { TrafficType: string; LogDestinationType: string; LogGroupName: { Ref: string } };
    expect(props).toMatchObject({ TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    const group = template.findResources('AWS::Logs::LogGroup')[props.LogGroupName.Ref] as { Properties: Record<string, unknown> };
    expect(group.Properties).toMatchObject({ RetentionInDays: 2192, KmsKeyId: expect.anything() });
  });

  test('an S3 gateway endpoint and KMS, STS, Logs and AppStream streaming interface endpoints with private DNS', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
    });
    for (const service of ['kms', 'sts', 'logs', 'appstream.streaming']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        VpcEndpointType: 'Interface',
        PrivateDnsEnabled: true,
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]] },
      });
    }
  });

  test('no security group opens egress to the internet', () => {
    for (const group of resourcesOf(template, 'AWS::EC2::SecurityGroup')) {
      const egress = (group.Properties as { SecurityGroupEgress?: { CidrIp?: string }[] }).SecurityGroupEgress ?? [];
      expect(egress.map((e) => e.CidrIp)).not.toContain('0.0.0.0/0');
    }
    template.resourcePropertiesCountIs('AWS::EC2::SecurityGroupEgress', { CidrIp: '0.0.0.0/0' }, 0);
    template.resourcePropertiesCountIs('AWS::EC2::SecurityGroupIngress', { CidrIp: '0.0.0.0/0' }, 0);
  });

  test('the default security group is stripped of its rules', () => {
    template.hasResourceProperties('Custom::VpcRestrictDefaultSG', { DefaultSecurityGroupId: Match.anyValue() });
  });
});

describe('Network.resolverAddress: the VPC base address plus two', () => {
  test.each([
    ['10.20.0.0/16', '10.20.0.2'],
    ['172.31.0.0/16', '172.31.0.2'],
    ['10.20.5.0/16', '10.20.0.2'],
    ['192.168.10.0/24', '192.168.10.2'],
  ])('%s -> %s', (cidr, expected) => {
    expect(Network.resolverAddress(cidr)).toBe(expected);
  });
});
