import { Aws } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import type { CustomResourceRole } from './custom-resource-role';

export interface S3PrefixListProps {
  /** Six-year KMS log group the provider Lambda logs to. */
  readonly logGroup: logs.ILogGroup;
  /** The provider's role; the call this construct makes is added to its managed policy. */
  readonly role: CustomResourceRole;
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
    props.role.allow('DescribeS3PrefixList', ['ec2:DescribeManagedPrefixLists']);
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
      role: props.role.role,
      logGroup: props.logGroup,
      installLatestAwsSdk: false,
    });
    // The provider may run only once its managed policy allows the call.
    lookup.node.addDependency(props.role.policy);
    this.prefixListId = lookup.getResponseField('PrefixLists.0.PrefixListId');
  }
}
