/** IAM entities from GetAccountAuthorizationDetails, policy documents decoded and normalised. */

export interface PolicyStatement {
  readonly effect: 'Allow' | 'Deny';
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  /** `NotResource`: the statement applies to every resource but these. */
  readonly notResources?: readonly string[];
  /** `Condition` as written (operator -> key -> value or values); the IAM evaluator reads it. */
  readonly conditions?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
  /** `Principal.AWS` entries (account ids, ARNs or `*`); trust policies only. */
  readonly awsPrincipals: readonly string[];
}

export interface PolicyDocument {
  readonly statements: readonly PolicyStatement[];
}

export interface AttachedPolicy {
  readonly name: string;
  readonly arn: string;
}

export interface InlinePolicy {
  readonly name: string;
  readonly document: PolicyDocument;
}

export interface IamUser {
  readonly name: string;
  readonly arn: string;
  readonly createdAt: string;
  readonly groups: readonly string[];
  readonly attached: readonly AttachedPolicy[];
  readonly inline: readonly InlinePolicy[];
}

export interface IamGroup {
  readonly name: string;
  readonly attached: readonly AttachedPolicy[];
  readonly inline: readonly InlinePolicy[];
}

export interface IamRole {
  readonly name: string;
  readonly arn: string;
  readonly trustPolicy: PolicyDocument;
}

export interface ManagedPolicy {
  readonly name: string;
  readonly arn: string;
  /** The default version's document, when the export carries it. */
  readonly document?: PolicyDocument;
}

export interface AuthorizationDetails {
  readonly users: readonly IamUser[];
  readonly groups: readonly IamGroup[];
  readonly roles: readonly IamRole[];
  readonly policies: readonly ManagedPolicy[];
}
