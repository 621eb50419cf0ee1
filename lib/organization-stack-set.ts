import { Aws, Stack } from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import { Construct } from 'constructs';
import { MEMBER_TEMPLATE_PARAMETERS, memberRoleTemplate } from './organization-member-role';

/** CloudFormation's limit on a StackSet's inline TemplateBody. */
export const TEMPLATE_BODY_MAX_BYTES = 51_200;

export interface OrganizationStackSetProps {
  readonly organizationId: string;
  /** The root (`r-...`) or organizational units (`ou-...`) the role is deployed to. */
  readonly targetOrganizationalUnitIds: readonly string[];
  /** `management`: CallAs SELF; `delegated-admin`: CallAs DELEGATED_ADMIN. */
  readonly deployedFrom: 'management' | 'delegated-admin';
  readonly memberRoleName: string;
  /** The per-account check function's role: the one principal the member role trusts. */
  readonly auditorRoleArn: string;
  /**
   * The regions the stack instances are created in. IAM is global: one region is enough.
   * @default - this stack's region
   */
  readonly regions?: readonly string[];
}

/**
 * The member audit role in every account of the target OUs: a service-managed StackSet
 * (Organizations trusted access), auto-deployed to accounts that join those OUs later and
 * removed from accounts that leave. Instances roll out a quarter of the accounts at a time and
 * stop at the first failure, so a bad template never reaches the whole organization.
 */
export class OrganizationStackSet extends Construct {
  public readonly stackSet: cloudformation.CfnStackSet;

  constructor(scope: Construct, id: string, props: OrganizationStackSetProps) {
    super(scope, id);
    const template = JSON.stringify(memberRoleTemplate({ roleName: props.memberRoleName, organizationId: props.organizationId }));
    if (Buffer.byteLength(template) > TEMPLATE_BODY_MAX_BYTES) throw new Error(`the member role template is ${Buffer.byteLength(template)} bytes; a StackSet's TemplateBody allows ${TEMPLATE_BODY_MAX_BYTES}`);
    this.stackSet = new cloudformation.CfnStackSet(this, 'StackSet', {
      stackSetName: `${Stack.of(this).stackName}-audit-member-role`,
      description: 'coding-env: the read-only audit role in every member account (lib/organization-member-role.ts)',
      permissionModel: 'SERVICE_MANAGED',
      callAs: props.deployedFrom === 'management' ? 'SELF' : 'DELEGATED_ADMIN',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false },
      // A named role: CloudFormation asks for the acknowledgement.
      capabilities: ['CAPABILITY_NAMED_IAM'],
      managedExecution: { Active: true },
      operationPreferences: { failureToleranceCount: 0, maxConcurrentPercentage: 25, regionConcurrencyType: 'SEQUENTIAL' },
      parameters: [
        { parameterKey: MEMBER_TEMPLATE_PARAMETERS.auditAccountId, parameterValue: Aws.ACCOUNT_ID },
        { parameterKey: MEMBER_TEMPLATE_PARAMETERS.auditorRoleArn, parameterValue: props.auditorRoleArn },
      ],
      stackInstancesGroup: [
        {
          deploymentTargets: { organizationalUnitIds: [...props.targetOrganizationalUnitIds] },
          regions: [...(props.regions ?? [Aws.REGION])],
        },
      ],
      templateBody: template,
    });
  }
}
