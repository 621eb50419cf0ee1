import { GetAccountAuthorizationDetailsCommand, type GetAccountAuthorizationDetailsCommandOutput, type IAMClient } from '@aws-sdk/client-iam';

/**
 * Every page of GetAccountAuthorizationDetails: users, groups, roles and managed policies in a
 * number of calls that grows only with pagination, never one call per user.
 */
export async function fetchAuthorizationPages(iam: IAMClient): Promise<unknown[]> {
  const pages: unknown[] = [];
  let marker: string | undefined;
  do {
    const page: GetAccountAuthorizationDetailsCommandOutput = await iam.send(new GetAccountAuthorizationDetailsCommand({ Marker: marker, MaxItems: 1000 }));
    const { $metadata: _meta, ...data } = page;
    // Dates become ISO strings: the same JSON the AWS CLI writes, so the evidence parser reads both.
    pages.push(JSON.parse(JSON.stringify(data)));
    marker = page.IsTruncated ? page.Marker : undefined;
  } while (marker);
  return pages;
}
