import { Match, type Template } from 'aws-cdk-lib/assertions';
import { expectNoCredentials, logicalIdWhere, onlyResourceOf, subnetIdsOfType, synth } from './synth';

describe('Workstations (enabled in the example)', () => {
  let template: Template;
  beforeAll(() => {
    template = synth();
  });

  test('fleet in the private subnets, 15-minute idle logoff, short disconnect, no internet', () => {
    const subnetIds = subnetIdsOfType(template, 'Private').map((id) => ({ Ref: id }));
    expect(subnetIds).toHaveLength(2);
    template.hasResourceProperties('AWS::AppStream::Fleet', {
      ImageName: 'AppStream-WinServer2022-06-17-2025',
      InstanceType: 'stream.standard.medium',
      ComputeCapacity: { DesiredInstances: 10 },
      IdleDisconnectTimeoutInSeconds: 900,
      DisconnectTimeoutInSeconds: Match.anyValue(),
      EnableDefaultInternetAccess: false,
      VpcConfig: { SubnetIds: subnetIds },
    });
    const fleet = onlyResourceOf(template, 'AWS::AppStream::Fleet').Properties as { DisconnectTimeoutInSeconds: number };
    expect(fleet.DisconnectTimeoutInSeconds).toBeLessThanOrEqual(300);
  });

  test('no clipboard, file transfer or local printing', () => {
    const disabled = ['CLIPBOARD_COPY_FROM_LOCAL_DEVICE', 'CLIPBOARD_COPY_TO_LOCAL_DEVICE', 'FILE_UPLOAD', 'FILE_DOWNLOAD', 'PRINTING_TO_LOCAL_DEVICE'];
    template.hasResourceProperties('AWS::AppStream::Stack', {
      UserSettings: Match.arrayWith(disabled.map((Action) => ({ Action, Permission: 'DISABLED' }))),
    });
  });

  test('streams only through the AppStream streaming interface endpoint', () => {
    const endpointId = logicalIdWhere(template, 'AWS::EC2::VPCEndpoint', {
      ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.appstream.streaming']] },
    });
    template.hasResourceProperties('AWS::AppStream::Stack', {
      AccessEndpoints: [{ EndpointType: 'STREAMING', VpceId: { Ref: endpointId } }],
    });
  });

  test('the streaming endpoint admits TCP 443 and 1400-1499 from the VPN client range', () => {
    const endpoint = template.findResources('AWS::EC2::VPCEndpoint', {
      Properties: { ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.appstream.streaming']] } },
    });
    const [sgRef] = (Object.values(endpoint)[0] as { Properties: { SecurityGroupIds: { 'Fn::GetAtt': [string, string] }[] } }).Properties.SecurityGroupIds;
    const sg = template.findResources('AWS::EC2::SecurityGroup')[sgRef['Fn::GetAtt'][0]] as { Properties: { SecurityGroupIngress: Record<string, unknown>[] } };
    expect(sg.Properties.SecurityGroupIngress).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ CidrIp: '10.100.0.0/22', IpProtocol: 'tcp', FromPort: 443, ToPort: 443 }),
        expect.objectContaining({ CidrIp: '10.100.0.0/22', IpProtocol: 'tcp', FromPort: 1400, ToPort: 1499 }),
      ]),
    );
  });

  test('the fleet security group reaches only the VPC (endpoints) and S3 through its prefix list, on 443', () => {
    const fleet = onlyResourceOf(template, 'AWS::AppStream::Fleet').Properties as { VpcConfig: { SecurityGroupIds: { 'Fn::GetAtt': [string, string] }[] } };
    const sgId = fleet.VpcConfig.SecurityGroupIds[0]['Fn::GetAtt'][0];
    const sg = template.findResources('AWS::EC2::SecurityGroup')[sgId] as { Properties: { SecurityGroupEgress: { CidrIp: string }[] } };
    expect(sg.Properties.SecurityGroupEgress.map((e) => e.CidrIp)).toEqual(['10.20.0.0/16']);
    const [lookupId] = Object.entries(template.findResources('Custom::AWS')).find(([, r]) => JSON.stringify(r).includes('describeManagedPrefixLists')) ?? [''];
    template.hasResourceProperties('AWS::EC2::SecurityGroupEgress', {
      GroupId: { 'Fn::GetAtt': [sgId, 'GroupId'] },
      DestinationPrefixListId: { 'Fn::GetAtt': [lookupId, 'PrefixLists.0.PrefixListId'] },
      IpProtocol: 'tcp',
      FromPort: 443,
      ToPort: 443,
    });
    template.resourcePropertiesCountIs('AWS::EC2::SecurityGroupEgress', { GroupId: { 'Fn::GetAtt': [sgId, 'GroupId'] } }, 1);
  });

  test('the stack-fleet association names both and depends on both', () => {
    const fleetId = Object.keys(template.findResources('AWS::AppStream::Fleet'))[0];
    const stackId = Object.keys(template.findResources('AWS::AppStream::Stack'))[0];
    const fleet = onlyResourceOf(template, 'AWS::AppStream::Fleet').Properties as { Name: string };
    const stack = onlyResourceOf(template, 'AWS::AppStream::Stack').Properties as { Name: string };
    const association = onlyResourceOf(template, 'AWS::AppStream::StackFleetAssociation');
    expect(association.Properties).toEqual({ FleetName: fleet.Name, StackName: stack.Name });
    expect(association.DependsOn).toEqual(expect.arrayContaining([fleetId, stackId]));
  });
});

describe('Workstations disabled', () => {
  let template: Template;
  beforeAll(() => {
    template = synth({ mutate: (raw) => void (raw.workstations = { enabled: false }) });
  });

  test('creates no AppStream resources and no streaming endpoint', () => {
    for (const type of ['AWS::AppStream::Fleet', 'AWS::AppStream::Stack', 'AWS::AppStream::StackFleetAssociation']) template.resourceCountIs(type, 0);
    const services = Object.values(template.findResources('AWS::EC2::VPCEndpoint')).map((e) => JSON.stringify((e as { Properties: { ServiceName: unknown } }).Properties.ServiceName));
    expect(services.some((s) => s.includes('appstream'))).toBe(false);
    // S3, KMS, STS, Logs, and the private console's console, signin and console-static.
    expect(services).toHaveLength(7);
  });

  test('holds no access key and no literal password', () => {
    expectNoCredentials(template);
  });
});
