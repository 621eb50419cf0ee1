import { App } from 'aws-cdk-lib';
import { buildCodingEnv } from '../lib/build-app';
import { parseConfig } from '../lib/config/load';
import { acknowledgementsFor } from '../policies/acknowledgements';
import { applyGates } from '../policies/gates';
import { synthGateSummary } from '../policies/synth-summary';
import { cdkContext, exampleConfig, SKIP_BUNDLING, AS_OF } from '../test/lib/synth';
const raw: any = exampleConfig();
if (process.argv[2] !== 'plain') raw.awsOrganization = { enabled: true, organizationId: 'o-a1b2c3d4e5', targetOrganizationalUnitIds: ['r-ab12'] };
const config = parseConfig(raw);
const app = new App({ context: { ...cdkContext(), [SKIP_BUNDLING]: [] }, outdir: '/tmp/o10/out' });
buildCodingEnv(app, config, { asOf: AS_OF });
applyGates(app, acknowledgementsFor(config, AS_OF));
try { app.synth(); } catch (e) { console.error((e as Error).message.slice(0, 6000)); }
console.error(synthGateSummary(app.outdir));
