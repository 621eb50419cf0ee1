import { type Account, ListAccountsCommand, type ListAccountsCommandOutput, type OrganizationsClient } from '@aws-sdk/client-organizations';
import { describeAwsFailure } from '../collect/aws-failure';
import { type Clock, realClock } from '../collect/clock';
import { paginate } from '../collect/paginate';
import { retryThrottled } from '../collect/throttle';
import { type AccountListing, MAX_ORGANIZATION_ACCOUNTS } from './organization-run';

/** 20 accounts a page (ListAccounts' maximum): 1,000 pages hold 20,000 accounts. */
export const LIST_ACCOUNTS_MAX_PAGES = 1_000;

/** Refused by the reader: the run cannot go on without knowing the organization's accounts. */
export class AccountListingError extends Error {
  override readonly name = 'AccountListingError';
}

/**
 * The organization's accounts (organizations:ListAccounts, every page): the active ones other
 * than the audit account are audited, each by its member role; suspended, closing or not yet
 * activated accounts cannot be signed in to, so they are listed as not audited, never dropped.
 * Any failure (denied, throttled past retries, a repeated token, the page cap) throws: the run
 * is then `error` for the whole organization, never a report of the accounts that happened to list.
 */
export async function listOrganizationAccounts(client: OrganizationsClient, homeAccount: string, clock: Clock = realClock): Promise<AccountListing> {
  const all: Account[] = [];
  try {
    await paginate<ListAccountsCommandOutput>(
      {
        what: 'organizations:ListAccounts',
        maxPages: LIST_ACCOUNTS_MAX_PAGES,
        fetch: (token) => retryThrottled(() => client.send(new ListAccountsCommand({ NextToken: token })), clock),
        next: (page) => page.NextToken,
      },
      (page) => all.push(...(page.Accounts ?? [])),
    );
  } catch (err) {
    throw new AccountListingError(`the organization's accounts could not be listed: ${describeAwsFailure(err)}`);
  }
  const organization = new Set<string>();
  const accounts: string[] = [];
  const notAudited: AccountListing['notAudited'] = [];
  for (const a of all) {
    // Stryker disable next-line ConditionalExpression: an absent id would be tested as the text "undefined", which the pattern refuses too; the test is for the type checker
    if (a.Id === undefined || !/^\d{12}$/.test(a.Id)) throw new AccountListingError('organizations:ListAccounts returned an account without a 12-digit id');
    if (organization.has(a.Id)) continue;
    organization.add(a.Id);
    // `State` supersedes `Status` (AWS retires `Status` in September 2026); either says whether the account can be used.
    const state = a.State ?? a.Status ?? 'UNKNOWN';
    if (a.Id === homeAccount) continue;
    if (state === 'ACTIVE') accounts.push(a.Id);
    else notAudited.push({ account: a.Id, state: String(state) });
  }
  if (!organization.has(homeAccount)) throw new AccountListingError(`the audit account ${homeAccount} is not among the organization's accounts: is the stack in the organization it audits?`);
  if (accounts.length > MAX_ORGANIZATION_ACCOUNTS) {
    throw new AccountListingError(`${accounts.length} active member accounts: one scheduled run audits at most ${MAX_ORGANIZATION_ACCOUNTS}`);
  }
  return { accounts: accounts.sort(), organization: [...organization].sort(), notAudited: notAudited.sort((x, y) => x.account.localeCompare(y.account)) };
}
