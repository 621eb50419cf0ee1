import type { Template } from 'aws-cdk-lib/assertions';

/**
 * Turns template values into what they would be once deployed, for policy simulation: every
 * `Ref` / `Fn::GetAtt` becomes a made-up but well-formed value for its resource (`vpce-...` for
 * an endpoint, an ARN for a bucket), pseudo parameters become a fixed account and region.
 */
export const ACCOUNT = '111122223333';
export const REGION = 'us-east-1';

export function deployedValues(template: Template): (value: unknown) => unknown {
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  const ids = Object.keys(resources);
  const hex = (id: string) => (ids.indexOf(id) + 1).toString(16).padStart(17, '0');
  const ref = (id: string): string => {
    switch (id) {
      case 'AWS::AccountId':
        return ACCOUNT;
      case 'AWS::Region':
        return REGION;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
    }
    const r = resources[id];
    if (r === undefined) throw new Error(`no resource ${id}`);
    switch (r.Type) {
      case 'AWS::EC2::VPCEndpoint':
        return `vpce-${hex(id)}`;
      case 'AWS::EC2::VPC':
        return `vpc-${hex(id)}`;
      case 'AWS::EC2::EIP':
        return `203.0.113.${ids.indexOf(id) % 250}`;
      case 'AWS::S3::Bucket':
        return String(r.Properties?.BucketName ?? id.toLowerCase());
      default:
        return id;
    }
  };
  const getAtt = (id: string, attr: string): string => {
    const r = resources[id];
    if (r?.Type === 'AWS::S3::Bucket' && attr === 'Arn') return `arn:aws:s3:::${ref(id)}`;
    if (r?.Type === 'AWS::KMS::Key' && attr === 'Arn') return `arn:aws:kms:${REGION}:${ACCOUNT}:key/${id}`;
    return `arn:aws:${id}:${attr}`;
  };
  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (typeof value !== 'object' || value === null) return value;
    const o = value as Record<string, unknown>;
    if (typeof o.Ref === 'string') return ref(o.Ref);
    if (Array.isArray(o['Fn::GetAtt'])) return getAtt(String(o['Fn::GetAtt'][0]), String(o['Fn::GetAtt'][1]));
    if (Array.isArray(o['Fn::Join'])) return (o['Fn::Join'][1] as unknown[]).map((v) => String(resolve(v))).join(String(o['Fn::Join'][0]));
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, resolve(v)]));
  };
  return resolve;
}
