import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

// Every audit Lambda is bundled from checks/handlers (lib/audit-function.ts). A handler that
// reaches a construct module drags aws-cdk-lib into the function: 40 MB of code per Lambda, a
// slow cold start, and an esbuild run of 4 GB at synth. Handlers may import lib/ only for
// plain data (config, catalog, object keys).
const HANDLERS = readdirSync('checks/handlers')
  .filter((f) => f.endsWith('.ts') && /export (const|async function) handler\b/.test(readFileSync(join('checks/handlers', f), 'utf8')))
  .sort();

describe('audit Lambda bundles', () => {
  test('every handler module is found', () => {
    expect(HANDLERS.length).toBeGreaterThanOrEqual(13);
  });

  test.each(HANDLERS)('%s bundles without aws-cdk-lib or constructs', async (file) => {
    const result = await build({ entryPoints: [join('checks/handlers', file)], bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true, outfile: 'index.js', logLevel: 'silent', external: ['playwright-core', '@sparticuz/chromium'] });
    const cdk = Object.keys(result.metafile.inputs).filter((p) => /node_modules\/(aws-cdk-lib|constructs)\//.test(p));
    expect(cdk).toEqual([]);
  }, 60_000);
});
