import { OrganizationsClient } from '@aws-sdk/client-organizations';
import { SDK_OPTIONS } from '../collect/sdk-options';
import { requireEnv } from './environment';
import { listOrganizationAccounts } from './organization-accounts-step';

// Organizations' API is served from one region (us-east-1 in the commercial partition); the SDK resolves its endpoint.
const organizations = new OrganizationsClient(SDK_OPTIONS);

/** The Distributed Map's item source: the organization's active member accounts. */
export const handler = () => listOrganizationAccounts(organizations, requireEnv('HOME_ACCOUNT_ID'));
