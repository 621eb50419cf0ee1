import { writeFileSync } from 'node:fs';
import { synth } from '../test/lib/synth';
const t = synth({ mainOnly: true, mutate: (raw) => { (raw as any).awsOrganization = { enabled: true, organizationId: 'o-a1b2c3d4e5', targetOrganizationalUnitIds: ['r-ab12'] }; } });
writeFileSync('/tmp/o10/template.json', JSON.stringify(t.toJSON(), null, 1));
