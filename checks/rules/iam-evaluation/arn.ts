/**
 * An ARN's six parts: `arn:partition:service:region:account:resource`, the resource part being
 * everything after the fifth colon (it may hold colons and slashes). A colon inside a policy
 * variable (`${aws:PrincipalAccount}`) does not separate parts. Undefined when the string is not
 * an ARN with all six.
 */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

export function splitArn(arn: string): ArnParts | undefined {
  const parts = splitOutsideVariables(arn);
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  const [, partition, service, region, account] = parts as [string, string, string, string, string];
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** The four parts before the resource, in order. */
export const LEADING_PARTS = ['partition', 'service', 'region', 'account'] as const;

function splitOutsideVariables(text: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const close = text.startsWith('${', i) ? text.indexOf('}', i + 2) : -1;
    if (close >= 0) i = close + 1;
    else if (text[i] === ':') {
      parts.push(text.slice(start, i));
      start = ++i;
    } else i++;
  }
  parts.push(text.slice(start));
  return parts;
}
