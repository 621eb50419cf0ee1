import { GetAccountAuthorizationDetailsCommand, type GetAccountAuthorizationDetailsCommandOutput, type IAMClient } from '@aws-sdk/client-iam';
import { type Clock, realClock } from './clock';
import { PAGE_CAPS, paginate } from './paginate';
import { retryThrottled } from './throttle';

/**
 * Every page of GetAccountAuthorizationDetails: users, groups, roles and managed policies in a
 * number of calls that grows only with pagination, never one call per user. A repeated Marker,
 * a page cap exceeded or `IsTruncated` without a Marker throws (PaginationError).
 */
export async function fetchAuthorizationPages(iam: IAMClient, clock: Clock = realClock, maxPages: number = PAGE_CAPS.authorizationDetails): Promise<unknown[]> {
  const pages: unknown[] = [];
  await paginate<GetAccountAuthorizationDetailsCommandOutput>(
    {
      what: 'GetAccountAuthorizationDetails',
      maxPages,
      fetch: (marker) => retryThrottled(() => iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: marker, MaxItems: 1000 })), clock),
      next: (page) => (page.IsTruncated ? page.Marker : undefined),
      claimsMore: (page) => page.IsTruncated === true,
    },
    (page) => {
      const { $metadata: _meta, ...data } = page;
      // Dates become ISO strings: the same JSON the AWS CLI writes, so the evidence parser reads both.
      pages.push(JSON.parse(JSON.stringify(data)));
    },
  );
  return pages;
}
