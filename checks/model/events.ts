/** One CloudTrail event, reduced to what the rules read. */
export interface AuditEvent {
  readonly id: string;
  /** `recipientAccountId`: the account whose trail holds the event (coverage is counted per account). */
  readonly account?: string;
  readonly time: string;
  readonly timeMs: number;
  /** `userIdentity.type`: IAMUser, AssumedRole, AWSService, Root, ... */
  readonly identityType: string;
  /** IAM user name; absent when not an IAM user or hidden by AWS (failed sign-in of an unknown name). */
  readonly userName?: string;
  readonly eventName: string;
  readonly eventSource: string;
  readonly sourceIp: string;
  readonly userAgent: string;
  readonly accessKeyId?: string;
  readonly vpcEndpointId?: string;
  /** The account that owns the VPC endpoint the request came through (`vpcEndpointAccountId`). */
  readonly vpcEndpointAccountId?: string;
  /** `userIdentity.arn`: names roles and the root account, which have no `userName`. */
  readonly arn?: string;
  /** `additionalEventData.MFAUsed` of a `ConsoleLogin`: `Yes` or `No`. */
  readonly mfaUsed?: string;
  /** Set when an AWS service made the call on the principal's behalf. */
  readonly invokedBy?: string;
  readonly bucket?: string;
  readonly key?: string;
  /** `requestParameters.modelId` of Bedrock calls: a model id, inference-profile id or ARN. */
  readonly modelId?: string;
  /** `requestParameters.userId` of AppStream `CreateStreamingURL`: whose workstation session the URL opens. */
  readonly streamingUserId?: string;
  /** No errorCode, and for ConsoleLogin `responseElements.ConsoleLogin` is `Success`. */
  readonly success: boolean;
}
