/**
 * Pagination that always ends. A server (or a proxy, or an emulator) that repeats a token, never
 * stops, or says a page is truncated without saying where to go on would otherwise loop forever or
 * stop early without a word; each is an error of that evidence instead (CONTRACT §3a).
 */

/** Most pages each paginated call may take, generous for real accounts, finite for broken servers. */
export const PAGE_CAPS = {
  /** 1,000 items a page: a million users, groups, roles and policies. */
  authorizationDetails: 1_000,
  /** 50 events a page: a million management events per region (at 2 calls a second, hours). */
  lookupEvents: 20_000,
  /** 1,000 keys a page: ten million log files or folders under one prefix. */
  listObjects: 10_000,
  /** 1,000 rows a page: a hundred million rows of an Athena result. */
  athenaResults: 100_000,
} as const;

/** A pagination that could not be completed; the collector turns it into an unreadable input. */
export class PaginationError extends Error {}

export interface Paging<P> {
  /** What is being listed, for the error: `ListObjectsV2 s3://bucket/prefix`. */
  readonly what: string;
  readonly maxPages: number;
  fetch(token: string | undefined): Promise<P>;
  /** The next page's token; undefined on the last page. */
  next(page: P): string | undefined;
  /** Whether the page itself says more follow (IAM's `IsTruncated`, S3's `IsTruncated`). */
  claimsMore?(page: P): boolean;
}

/**
 * Every page, in order, handed to `onPage` as it arrives (so a caller can stream pages into a sink
 * and keep what it read when a later page fails). Throws PaginationError on a repeated token,
 * on a page cap exceeded, or on a page that claims more without a token.
 */
export async function paginate<P>(paging: Paging<P>, onPage: (page: P, index: number) => void): Promise<number> {
  const seen = new Set<string>();
  let token: string | undefined;
  let count = 0;
  for (;;) {
    const page = await paging.fetch(token);
    onPage(page, count);
    count += 1;
    const next = paging.next(page);
    if (next === undefined || next === '') {
      if (paging.claimsMore?.(page)) throw new PaginationError(`${paging.what}: page ${count} says more results follow but gives no token to fetch them; the listing is incomplete`);
      return count;
    }
    if (seen.has(next)) throw new PaginationError(`${paging.what}: the service repeated a pagination token after ${count} page(s); stopped rather than loop`);
    if (count >= paging.maxPages) throw new PaginationError(`${paging.what}: more than ${paging.maxPages} pages; stopped at the page cap, the listing is incomplete`);
    seen.add(next);
    token = next;
  }
}
