import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { createClients } from '../../../checks/collect/clients';

describe('createClients: one CloudTrail client per region', () => {
  test('a region\'s client is built for that region, once, and another region gets its own', async () => {
    const clients = createClients({ AWS_REGION: 'us-east-1' });
    const west = clients.cloudTrail('eu-west-1');
    expect(west).toBeInstanceOf(CloudTrailClient);
    expect(await west.config.region()).toBe('eu-west-1');
    expect(clients.cloudTrail('eu-west-1')).toBe(west);
    const east = clients.cloudTrail('us-east-2');
    expect(east).toBeInstanceOf(CloudTrailClient);
    expect(east).not.toBe(west);
    expect(await east.config.region()).toBe('us-east-2');
  });
});
