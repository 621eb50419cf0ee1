import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';
import { AccountListingError, listOrganizationAccounts } from '../../../checks/handlers/organization-accounts-step';
import { accountListingSchema } from '../../../checks/handlers/organization-run';
import { FAULTS } from '../collect/aws-faults';

const organizations = mockClient(OrganizationsClient);
const client = new OrganizationsClient({ region: 'us-east-1' });
const HOME = '111122223333';
const noWait = { now: () => 0, sleep: async () => undefined };
const account = (Id: string, State: string) => ({ Id, Arn: `arn:aws:organizations::${HOME}:account/o-a1b2c3d4e5/${Id}`, Name: `acct-${Id}`, State: State as never });

beforeEach(() => organizations.reset());

/** What Organizations answers a caller that is neither the management account nor a delegated administrator. */
const accessDeniedException = () =>
  Object.assign(new Error('You don’t have permissions to access this resource.'), { name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 } });

describe('the account reader (organizations:ListAccounts)', () => {
  test('every page is read; the audit account is left to its own run; suspended and closing accounts are listed, not audited', async () => {
    organizations
      .on(ListAccountsCommand, { NextToken: undefined })
      .resolves({ Accounts: [account(HOME, 'ACTIVE'), account('444455556666', 'ACTIVE'), account('999988887777', 'SUSPENDED')], NextToken: 'page-2' })
      .on(ListAccountsCommand, { NextToken: 'page-2' })
      .resolves({ Accounts: [account('222233334444', 'ACTIVE'), account('555566667777', 'PENDING_CLOSURE')] });
    const listing = await listOrganizationAccounts(client, HOME, noWait);
    expect(listing).toEqual({
      accounts: ['222233334444', '444455556666'],
      organization: [HOME, '222233334444', '444455556666', '555566667777', '999988887777'],
      notAudited: [
        { account: '555566667777', state: 'PENDING_CLOSURE' },
        { account: '999988887777', state: 'SUSPENDED' },
      ],
    });
    expect(organizations.commandCalls(ListAccountsCommand)).toHaveLength(2);
    // What the state machine carries to the map and the report step is the shape they validate.
    expect(accountListingSchema.parse(JSON.parse(JSON.stringify(listing)))).toEqual(listing);
  });

  test('the deprecated Status is read when State is absent', async () => {
    organizations.on(ListAccountsCommand).resolves({ Accounts: [{ Id: HOME, Status: 'ACTIVE' }, { Id: '444455556666', Status: 'SUSPENDED' }] });
    expect((await listOrganizationAccounts(client, HOME, noWait)).notAudited).toEqual([{ account: '444455556666', state: 'SUSPENDED' }]);
  });

  test('throttling is retried with backoff', async () => {
    organizations.on(ListAccountsCommand).rejectsOnce(FAULTS.throttling()).resolves({ Accounts: [account(HOME, 'ACTIVE'), account('444455556666', 'ACTIVE')] });
    expect((await listOrganizationAccounts(client, HOME, noWait)).accounts).toEqual(['444455556666']);
  });

  test.each([
    ['denied (not the management account nor a delegated administrator)', () => organizations.on(ListAccountsCommand).rejects(accessDeniedException()), /could not be listed: access denied \(AccessDeniedException\)/],
    ['a repeated token', () => organizations.on(ListAccountsCommand).resolves({ Accounts: [account(HOME, 'ACTIVE')], NextToken: 'again' }), /repeated a pagination token/],
    ['an account without an id', () => organizations.on(ListAccountsCommand).resolves({ Accounts: [account(HOME, 'ACTIVE'), { Name: 'x' }] }), /without a 12-digit id/],
    ['the audit account not in the organization', () => organizations.on(ListAccountsCommand).resolves({ Accounts: [account('444455556666', 'ACTIVE')] }), /not among the organization's accounts/],
  ])('%s: the reader fails, so the organization run is error, never a report of what happened to list', async (_name, fault, message) => {
    fault();
    const run = listOrganizationAccounts(client, HOME, noWait);
    await expect(run).rejects.toThrow(AccountListingError);
    await expect(listOrganizationAccounts(client, HOME, noWait)).rejects.toThrow(message);
  });
});

describe('the account reader: what it counts', () => {
  test('an account listed twice counts once; an account with neither State nor Status is listed as UNKNOWN, not audited', async () => {
    organizations.on(ListAccountsCommand).resolves({ Accounts: [account(HOME, 'ACTIVE'), account('444455556666', 'ACTIVE'), account('444455556666', 'SUSPENDED'), { Id: '333344445555' }, account('222233334444', 'SUSPENDED')] });
    expect(await listOrganizationAccounts(client, HOME, noWait)).toEqual({
      accounts: ['444455556666'],
      organization: ['111122223333', '222233334444', '333344445555', '444455556666'],
      notAudited: [
        { account: '222233334444', state: 'SUSPENDED' },
        { account: '333344445555', state: 'UNKNOWN' },
      ],
    });
  });

  test('a page without Accounts (ListAccounts may answer an empty page and a NextToken) adds none', async () => {
    organizations
      .on(ListAccountsCommand, { NextToken: undefined })
      .resolves({ NextToken: 'page-2' })
      .on(ListAccountsCommand, { NextToken: 'page-2' })
      .resolves({ Accounts: [account(HOME, 'ACTIVE'), account('444455556666', 'ACTIVE')] });
    expect(await listOrganizationAccounts(client, HOME, noWait)).toEqual({ accounts: ['444455556666'], organization: [HOME, '444455556666'], notAudited: [] });
  });

  test.each([
    ['13 digits', '1111222233334'],
    ['a letter before 12 digits', 'x111122223333'],
  ])('an id of %s is refused: twelve digits, no more', async (_name, id) => {
    organizations.on(ListAccountsCommand).resolves({ Accounts: [account(HOME, 'ACTIVE'), account(id, 'ACTIVE')] });
    await expect(listOrganizationAccounts(client, HOME, noWait)).rejects.toThrow(new AccountListingError('organizations:ListAccounts returned an account without a 12-digit id'));
  });

  test('an id that is not 12 digits is refused, with the exact words', async () => {
    organizations.on(ListAccountsCommand).resolves({ Accounts: [account(HOME, 'ACTIVE'), account('12345', 'ACTIVE')] });
    await expect(listOrganizationAccounts(client, HOME, noWait)).rejects.toThrow(new AccountListingError('organizations:ListAccounts returned an account without a 12-digit id'));
  });

  test('the audit account missing is named', async () => {
    organizations.on(ListAccountsCommand).resolves({ Accounts: [] });
    await expect(listOrganizationAccounts(client, HOME, noWait)).rejects.toThrow(new AccountListingError(`the audit account ${HOME} is not among the organization's accounts: is the stack in the organization it audits?`));
  });

  test('up to 5,000 active members are audited; one more is refused, naming the bound', async () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => String(200000000000 + i));
    organizations.on(ListAccountsCommand).resolves({ Accounts: [account(HOME, 'ACTIVE'), ...ids(5000).map((id) => account(id, 'ACTIVE'))] });
    expect((await listOrganizationAccounts(client, HOME, noWait)).accounts).toHaveLength(5000);
    organizations.on(ListAccountsCommand).resolves({ Accounts: [account(HOME, 'ACTIVE'), ...ids(5001).map((id) => account(id, 'ACTIVE'))] });
    await expect(listOrganizationAccounts(client, HOME, noWait)).rejects.toThrow(new AccountListingError('5001 active member accounts: one scheduled run audits at most 5000'));
  });

  test('the page cap: 1,000 pages, then the listing is refused', async () => {
    let n = 0;
    organizations.on(ListAccountsCommand).callsFake(() => ({ Accounts: n === 0 ? [account(HOME, 'ACTIVE')] : [], NextToken: `t${(n += 1)}` }));
    await expect(listOrganizationAccounts(client, HOME, noWait)).rejects.toThrow(new AccountListingError("the organization's accounts could not be listed: organizations:ListAccounts: more than 1000 pages; stopped at the page cap, the listing is incomplete"));
    expect(organizations.commandCalls(ListAccountsCommand)).toHaveLength(1000);
  });

  test('the error is named AccountListingError, for the state machine’s Catch', () => {
    expect(new AccountListingError('x').name).toBe('AccountListingError');
  });
});
