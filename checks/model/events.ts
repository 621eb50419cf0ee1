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
  /** Set when an AWS service made the call on the principal's behalf. */
  readonly invokedBy?: string;
  readonly bucket?: string;
  readonly key?: string;
  /** No errorCode, and for ConsoleLogin `responseElements.ConsoleLogin` is `Success`. */
  readonly success: boolean;
}
