/**
 * The people guard's policy document as plain JSON (no CDK), so the construct that deploys it
 * (lib/people-guard-policy.ts) and the config validation that refuses a guard too big for IAM
 * (lib/config/schema.ts) build the very same document.
 */

/** IAM's limit on a customer managed policy, counted without whitespace. */
export const IAM_MANAGED_POLICY_MAX_CHARS = 6144;

/**
 * Most VPC endpoints the guard may name. Validation sizes the guard with this many endpoint ids;
 * the construct refuses more, so the size check can never be too optimistic.
 */
export const GUARD_MAX_ENDPOINTS = 16;

/** What a person may do before signing in with MFA: set up their own MFA device and password. */
export const MFA_SELF_SERVICE_ACTIONS = [
  'iam:GetUser',
  'iam:ChangePassword',
  'iam:GetAccountPasswordPolicy',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:ResyncMFADevice',
  'sts:GetSessionToken',
] as const;

export interface GuardInputs {
  /** `aws`, or a token resolving to the partition. */
  readonly partition: string;
  readonly accountId: string;
  /** Public blocks requests may come from: `allowedSourceCidrs` plus the NAT's `<ip>/32`. */
  readonly allowedSources: readonly string[];
  /** This stack's VPC endpoints: requests through them pass, through any other endpoint they do not. */
  readonly endpointIds: readonly string[];
  /** This stack's VPC. */
  readonly vpcId: string;
}

export interface GuardStatement {
  readonly Sid: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string[];
  readonly NotAction?: string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface GuardDocument {
  readonly Version: '2012-10-17';
  readonly Statement: GuardStatement[];
}

/** The sid of the network statement; the gate rule and tests find it by this name. */
export const NETWORK_GUARD_SID = 'DenyOutsideVpnOrThisVpc';

export function guardDocument(inputs: GuardInputs): GuardDocument {
  const iamArn = (resource: string) => `arn:${inputs.partition}:iam::${inputs.accountId}:${resource}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowOwnMfaAndPassword',
        Effect: 'Allow',
        Action: ['iam:GetUser', 'iam:ChangePassword', 'iam:ListMFADevices', 'iam:CreateVirtualMFADevice', 'iam:EnableMFADevice', 'iam:ResyncMFADevice'],
        Resource: [iamArn('user/${aws:username}'), iamArn('mfa/${aws:username}')],
      },
      {
        Sid: 'AllowListingMfaDevicesAndPasswordPolicy',
        Effect: 'Allow',
        Action: ['iam:ListVirtualMFADevices', 'iam:GetAccountPasswordPolicy'],
        Resource: '*',
      },
      {
        Sid: 'DenyAllButMfaSelfServiceWithoutMfa',
        Effect: 'Deny',
        NotAction: [...MFA_SELF_SERVICE_ACTIONS],
        Resource: '*',
        Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
      },
      {
        // Conditions are ANDed: denied unless from an allowed address, OR through one of this
        // stack's endpoints, OR from this stack's VPC. An endpoint elsewhere (the person's own
        // VPC) is no way in: the ids are pinned, never "any endpoint" (Null aws:SourceVpce).
        Sid: NETWORK_GUARD_SID,
        Effect: 'Deny',
        Action: ['*'],
        Resource: '*',
        Condition: {
          // With no allowed public address, only requests through this stack's endpoints pass.
          ...(inputs.allowedSources.length > 0 ? { NotIpAddress: { 'aws:SourceIp': [...inputs.allowedSources] } } : {}),
          StringNotEqualsIfExists: { 'aws:SourceVpce': [...inputs.endpointIds], 'aws:SourceVpc': inputs.vpcId },
          // AWS services calling on the person's behalf (e.g. CloudFormation, KMS via S3) use their own addresses.
          Bool: { 'aws:ViaAWSService': 'false' },
        },
      },
    ],
  };
}

/** A policy's size as IAM counts it: the JSON without whitespace. */
export function policySize(document: unknown): number {
  return JSON.stringify(document).length;
}

/**
 * The guard's largest possible deployed size for these allowed blocks: the longest partition,
 * the NAT's address, `GUARD_MAX_ENDPOINTS` endpoint ids and the VPC id at their longest.
 */
export function worstCaseGuardSize(allowedSourceCidrs: readonly string[]): number {
  return policySize(
    guardDocument({
      partition: 'aws-iso-b',
      accountId: '123456789012',
      allowedSources: [...allowedSourceCidrs, '255.255.255.255/32'],
      endpointIds: Array.from({ length: GUARD_MAX_ENDPOINTS }, () => 'vpce-0123456789abcdef0'),
      vpcId: 'vpc-0123456789abcdef0',
    }),
  );
}
