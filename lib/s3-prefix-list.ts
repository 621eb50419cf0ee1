import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

export interface S3PrefixListProps {
  /** Six-year KMS log group the provider Lambda logs to. */
  readonly logGroup: logs.ILogGroup;
}

/**
 * The id of the region's AWS-managed S3 prefix list (`com.amazonaws.<region>.s3`), so security
 * groups can allow HTTPS to S3 through the gateway endpoint without opening 0.0.0.0/0.
 * Resolved at deploy time: the stack stays environment-agnostic.
 */
export class S3PrefixList extends Construct {
  public readonly prefixListId: string;

  constructor(scope: Construct, id: string, props: S3PrefixListProps) {
    super(scope, id);
    const call: cr.AwsSdkCall = {
      service: 'EC2',
      action: 'describeManagedPrefixLists',
      parameters: { Filters: [{ Name: 'prefix-list-name', Values: [`com.amazonaws.${Aws.REGION}.s3`] }] },
      physicalResourceId: cr.PhysicalResourceId.of(`s3-prefix-list-${Aws.REGION}`),
      outputPaths: ['PrefixLists.0.PrefixListId'],
    };
    const lookup = new cr.AwsCustomResource(this, 'Lookup', {
      onCreate: call,
      onUpdate: call,
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({ actions: ['ec2:DescribeManagedPrefixLists'], resources: ['*'] }),
      ]),
      logGroup: props.logGroup,
      installLatestAwsSdk: false,
    });
    this.prefixListId = lookup.getResponseField('PrefixLists.0.PrefixListId');
  }
}
