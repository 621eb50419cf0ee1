/**
 * An ARN's six parts: `arn:partition:service:region:account:resource`, the resource part being
 * everything after the fifth colon (it may hold colons and slashes). Undefined when the string
 * is not an ARN with all six.
 */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

export function splitArn(arn: string): ArnParts | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** The four parts before the resource, in order. */
export const LEADING_PARTS = ['partition', 'service', 'region', 'account'] as const;
