import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Network } from '../../lib/network';
import { onlyResourceOf, resourcesOf, subnetIdsOfType, synth } from './synth';

describe('Network: private subnets, endpoints, flow logs', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  // Design: one NAT gateway is the VPC's only way out (CONTRACT §1: full-tunnel VPN users leave
  // through it); it sits alone in a small public subnet; nothing else is public.
  test('the VPC uses the configured CIDR; one NAT gateway with one Elastic IP; no subnet gives public addresses', () => {
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.20.0.0/16' });
    template.resourceCountIs('AWS::EC2::InternetGateway', 1);
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.resourceCountIs('AWS::EC2::EIP', 1);
    for (const subnet of resourcesOf(template, 'AWS::EC2::Subnet')) {
      expect(subnet.Properties).toMatchObject({ MapPublicIpOnLaunch: false });
    }
    expect(subnetIdsOfType(template, 'Private')).toHaveLength(2);
    expect(subnetIdsOfType(template, 'Public')).toHaveLength(2);
  });

  test('the public subnets are /28s holding only the NAT gateway, and only the NAT subnet routes to the internet gateway', () => {
    const publicIds = subnetIdsOfType(template, 'Public');
    const resources = template.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>;
    for (const id of publicIds) expect(String(resources[id].Properties?.CidrBlock)).toMatch(/\/28$/);
    // Whatever names a public subnet is the NAT itself or the subnet's own routing.
    const referencing = Object.values(resources).filter((r) => publicIds.some((id) => JSON.stringify(r.Properties ?? {}).includes(`"Ref":"${id}"`)));
    expect([...new Set(referencing.map((r) => r.Type))].sort()).toEqual(['AWS::EC2::NatGateway', 'AWS::EC2::SubnetRouteTableAssociation']);
    const nat = onlyResourceOf(template, 'AWS::EC2::NatGateway').Properties as { SubnetId: { Ref: string }; AllocationId: unknown };
    expect(publicIds).toContain(nat.SubnetId.Ref);
    const igwRoutes = resourcesOf(template, 'AWS::EC2::Route').filter((r) => r.Properties?.GatewayId !== undefined);
    expect(igwRoutes).toHaveLength(1);
    const natRouteTable = resourcesOf(template, 'AWS::EC2::SubnetRouteTableAssociation').find((a) => JSON.stringify(a.Properties?.SubnetId) === JSON.stringify(nat.SubnetId))?.Properties?.RouteTableId;
    expect(igwRoutes[0].Properties?.RouteTableId).toEqual(natRouteTable);
  });

  test('the private subnets leave through the NAT gateway, never straight to the internet gateway', () => {
    const natId = Object.keys(template.findResources('AWS::EC2::NatGateway'))[0];
    const associations = resourcesOf(template, 'AWS::EC2::SubnetRouteTableAssociation');
    for (const subnetId of subnetIdsOfType(template, 'Private')) {
      const table = associations.find((a) => JSON.stringify(a.Properties?.SubnetId) === JSON.stringify({ Ref: subnetId }))?.Properties?.RouteTableId;
      const routes = resourcesOf(template, 'AWS::EC2::Route').filter((r) => JSON.stringify(r.Properties?.RouteTableId) === JSON.stringify(table));
      expect(routes.map((r) => r.Properties)).toEqual([{ RouteTableId: table, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: { Ref: natId } }]);
    }
  });

  test("the NAT's Elastic IP is the output NatPublicIp", () => {
    const eipId = Object.keys(template.findResources('AWS::EC2::EIP'))[0];
    template.hasOutput('NatPublicIp', { Value: { Ref: eipId } });
  });

  test('endpoint security groups admit HTTPS from the literal VPC CIDR (readable by policy rules), never Fn::GetAtt', () => {
    const endpointGroups = Object.entries(template.findResources('AWS::EC2::SecurityGroup')).filter(([, g]) =>
      String((g as { Properties: { GroupDescription: string } }).Properties.GroupDescription).endsWith('interface endpoint'),
    );
    expect(endpointGroups).toHaveLength(5);
    for (const [, group] of endpointGroups) {
      expect((group as { Properties: { SecurityGroupIngress: unknown[] } }).Properties.SecurityGroupIngress).toContainEqual(
        expect.objectContaining({ CidrIp: '10.20.0.0/16', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
      );
    }
    for (const type of ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress']) {
      expect(JSON.stringify(template.findResources(type))).not.toContain('CidrBlock');
    }
  });

  test('flow logs deliver through a role with a customer managed policy on their log group, no inline policy', () => {
    const flowLog = onlyResourceOf(template, 'AWS::EC2::FlowLog').Properties as { DeliverLogsPermissionArn: { 'Fn::GetAtt': [string, string] } };
    const roleId = flowLog.DeliverLogsPermissionArn['Fn::GetAtt'][0];
    for (const policy of resourcesOf(template, 'AWS::IAM::Policy')) expect(JSON.stringify(policy.Properties)).not.toContain(roleId);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'] })] },
    });
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

  test('an S3 gateway endpoint and KMS, STS, Logs, AppStream streaming and API interface endpoints with private DNS', () => {
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
      VpcEndpointType: 'Gateway',
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] },
    });
    for (const service of ['kms', 'sts', 'logs', 'appstream.streaming', 'appstream.api']) {
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        VpcEndpointType: 'Interface',
        PrivateDnsEnabled: true,
        ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]] },
      });
    }
  });

  test('no security group opens egress to the internet, but the audit functions\' HTTPS to the AWS APIs', () => {
    // IAM has no VPC endpoint: the audit functions reach it (and SNS, CloudTrail) through the NAT, on 443 only.
    for (const group of resourcesOf(template, 'AWS::EC2::SecurityGroup')) {
      const egress = (group.Properties as { SecurityGroupEgress?: { CidrIp?: string; FromPort?: number; ToPort?: number }[] }).SecurityGroupEgress ?? [];
      const open = egress.filter((e) => e.CidrIp === '0.0.0.0/0');
      if (/^Audit functions/.test(String(group.Properties?.GroupDescription))) expect(open).toEqual([expect.objectContaining({ FromPort: 443, ToPort: 443 })]);
      else expect(open).toEqual([]);
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
