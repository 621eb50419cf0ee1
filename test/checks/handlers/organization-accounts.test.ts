import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { mockClient } from 'aws-sdk-client-mock';

const organizations = mockClient(OrganizationsClient);
const HOME = '111122223333';

const saved = { ...process.env };
beforeEach(() => {
  process.env = { ...saved, AWS_REGION: 'us-east-1', HOME_ACCOUNT_ID: HOME };
  organizations.reset();
  organizations.on(ListAccountsCommand).resolves({ Accounts: [{ Id: HOME, State: 'ACTIVE' }, { Id: '444455556666', State: 'ACTIVE' }] });
});
afterAll(() => {
  process.env = saved;
});

// The module as deployed: its client built at load.
const handler = async () => ((await import('../../../checks/handlers/organization-accounts')) as { handler: () => Promise<unknown> }).handler;

describe('the account listing function (the Lambda entry point)', () => {
  test('the audit account named by HOME_ACCOUNT_ID is left to its own run', async () => {
    expect(await (await handler())()).toEqual({ accounts: ['444455556666'], organization: [HOME, '444455556666'], notAudited: [] });
    expect(organizations.commandCalls(ListAccountsCommand)).toHaveLength(1);
  });

  test('deployed without HOME_ACCOUNT_ID: refused, naming it, before any call', async () => {
    delete process.env.HOME_ACCOUNT_ID;
    const h = await handler();
    await expect((async () => h())()).rejects.toThrow(new Error('environment variable HOME_ACCOUNT_ID is not set (the stack sets it; was the function deployed by hand?)'));
    expect(organizations.calls()).toHaveLength(0);
  });
});
