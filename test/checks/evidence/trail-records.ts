/** CloudTrail records as the service writes them into a log file, for the loaders' tests. */

/** The fewest fields a record needs to be read: an IAM user's S3 GetObject. */
export function minimalTrailRecord(id: string): Record<string, unknown> {
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/jdoe', userName: 'jdoe' },
    eventTime: '2026-11-15T14:00:00Z',
    eventSource: 's3.amazonaws.com',
    eventName: 'GetObject',
    eventID: id,
    recipientAccountId: '111122223333',
  };
}

/** A whole record of `userName` reading a PHI object; `account: undefined` names no account. */
export function phiReadRecord(
  id: string,
  time: string,
  options: { userName?: string; account?: string | undefined; eventName?: string } = {},
): Record<string, unknown> {
  const { userName = 'kchen', eventName = 'GetObject' } = options;
  // An account given as undefined is none, not the default.
  const account = 'account' in options ? options.account : '111122223333';
  return {
    eventVersion: '1.09',
    userIdentity: { type: 'IAMUser', principalId: 'AIDACKCEVSQ6C2EXAMPLE', arn: `arn:aws:iam::111122223333:user/${userName}`, accountId: '111122223333', userName },
    eventTime: time,
    eventSource: 's3.amazonaws.com',
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '198.51.100.4',
    userAgent: '[aws-sdk-js/3.0]',
    requestParameters: { bucketName: 'phi-bucket', key: 'cardiology/P1/a.pdf' },
    responseElements: null,
    eventID: id,
    ...(account === undefined ? {} : { recipientAccountId: account }),
  };
}
