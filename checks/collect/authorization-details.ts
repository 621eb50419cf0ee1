import { GetAccountAuthorizationDetailsCommand, type GetAccountAuthorizationDetailsCommandOutput, type IAMClient } from '@aws-sdk/client-iam';
import { type Clock, realClock } from './clock';
import { retryThrottled } from './throttle';

/**
 * Every page of GetAccountAuthorizationDetails: users, groups, roles and managed policies in a
 * number of calls that grows only with pagination, never one call per user.
 */
export async function fetchAuthorizationPages(iam: IAMClient, clock: Clock = realClock): Promise<unknown[]> {
  const pages: unknown[] = [];
  let marker: string | undefined;
  do {
    const from = marker;
    const page: GetAccountAuthorizationDetailsCommandOutput = await retryThrottled(() => iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: from, MaxItems: 1000 })), clock);
    const { $metadata: _meta, ...data } = page;
    // Dates become ISO strings: the same JSON the AWS CLI writes, so the evidence parser reads both.
    pages.push(JSON.parse(JSON.stringify(data)));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return pages;
}
