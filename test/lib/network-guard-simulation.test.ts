import { runSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import type { Template } from 'aws-cdk-lib/assertions';
import { NETWORK_GUARD_SID } from '../../lib/guard-document';
import { ACCOUNT, deployedValues } from './resolve-template';
import { resourcesOf, synth } from './synth';

/**
 * The pinned guard and the PHI bucket policy, deployed (values resolved) and evaluated by an IAM
 * policy simulator: a coder's request through a VPC endpoint of their own (another VPC) is
 * denied; through this stack's endpoint, or from the VPN's public address, it is not.
 */
type Policy = { Statement: unknown[] };

const OWN = 'jdoe';
const PHI = 'examplecoding-phi-records';

let template: Template;
let guard: Policy;
let bucketPolicy: Policy;
let gateway: string;
let vpc: string;

beforeAll(() => {
  template = synth();
  const resolve = deployedValues(template);
  const guards = resourcesOf(template, 'AWS::IAM::ManagedPolicy').filter((p) => JSON.stringify(p.Properties).includes(NETWORK_GUARD_SID));
  expect(guards).toHaveLength(1);
  guard = resolve((guards[0].Properties as { PolicyDocument: unknown }).PolicyDocument) as Policy;
  const phiPolicy = resourcesOf(template, 'AWS::S3::BucketPolicy').filter((p) => JSON.stringify(p.Properties).includes('DenyListingOutsideVpcEndpoint'));
  expect(phiPolicy).toHaveLength(1);
  bucketPolicy = resolve((phiPolicy[0].Properties as { PolicyDocument: unknown }).PolicyDocument) as Policy;
  const endpoints = Object.entries(template.findResources('AWS::EC2::VPCEndpoint'));
  gateway = String(resolve({ Ref: endpoints.find(([, e]) => (e as { Properties: { VpcEndpointType?: string } }).Properties.VpcEndpointType === 'Gateway')![0] }));
  vpc = String(resolve({ Ref: Object.keys(template.findResources('AWS::EC2::VPC'))[0] }));
});

/** What a coder with S3 read rights on their specialty gets for a request with these network keys. */
async function decide(action: string, resource: string, network: Record<string, string>, resourcePolicy: Policy = bucketPolicy): Promise<string> {
  const simulation: Simulation = {
    request: {
      principal: `arn:aws:iam::${ACCOUNT}:user/${OWN}`,
      action,
      resource: { resource, accountId: ACCOUNT },
      contextVariables: { 'aws:MultiFactorAuthPresent': 'true', 'aws:ViaAWSService': 'false', 'aws:PrincipalIsAWSService': 'false', 's3:prefix': 'cardiology/', ...network },
    },
    identityPolicies: [
      { name: 'guard', policy: guard },
      { name: 'coders', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [`arn:aws:s3:::${PHI}`, `arn:aws:s3:::${PHI}/cardiology/*`] }] } },
    ],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy,
  };
  const result = await runSimulation(simulation, {});
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}

const NO_BUCKET_POLICY: Policy = { Statement: [] };
const FOREIGN = { 'aws:SourceVpce': 'vpce-0f0f0f0f0f0f0f0f0', 'aws:SourceVpc': 'vpc-0f0f0f0f0f0f0f0f0', 'aws:SourceIp': '10.0.0.7', 'aws:SecureTransport': 'true' };

describe('the pinned network guard, simulated', () => {
  test.each([
    ['s3:GetObject', `arn:aws:s3:::${PHI}/cardiology/P1/chart.pdf`],
    ['s3:ListBucket', `arn:aws:s3:::${PHI}`],
  ])('%s through a foreign VPC endpoint is explicitly denied', async (action, resource) => {
    expect(await decide(action, resource, FOREIGN)).toBe('ExplicitlyDenied');
  });

  test('the guard alone denies the foreign endpoint (not only the bucket policy)', async () => {
    expect(await decide('s3:GetObject', `arn:aws:s3:::${PHI}/cardiology/P1/chart.pdf`, FOREIGN, NO_BUCKET_POLICY)).toBe('ExplicitlyDenied');
  });

  test.each([
    ['s3:GetObject', `arn:aws:s3:::${PHI}/cardiology/P1/chart.pdf`],
    ['s3:ListBucket', `arn:aws:s3:::${PHI}`],
  ])("%s through this stack's S3 endpoint is allowed", async (action, resource) => {
    expect(await decide(action, resource, { 'aws:SourceVpce': gateway, 'aws:SourceVpc': vpc, 'aws:SourceIp': '10.20.0.9', 'aws:SecureTransport': 'true' })).toBe('Allowed');
  });

  test('from the VPN egress address without an endpoint, the guard lets it through and the bucket policy refuses object access', async () => {
    const fromVpn = { 'aws:SourceIp': '198.51.100.5', 'aws:SecureTransport': 'true' };
    expect(await decide('s3:GetObject', `arn:aws:s3:::${PHI}/cardiology/P1/chart.pdf`, fromVpn)).toBe('ExplicitlyDenied');
    expect(await decide('s3:ListBucket', `arn:aws:s3:::${PHI}`, fromVpn, NO_BUCKET_POLICY)).toBe('Allowed');
  });
});
