import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { IMPORT_META_URL_SHIM } from '../../lib/audit-function';

// The audit functions bundle ESM entry points into CommonJS (lib/audit-function.ts), with the
// import.meta.url shim (once needed by the AGPL evaluator's data package, now a devDependency).
// Bundled as deployed, the IAM evaluator must load without node_modules and answer.
describe('the IAM evaluator bundled as the audit functions bundle it', () => {
  test('loads without node_modules and evaluates a policy set', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'coding-env-bundle-')), 'index.js');
    buildSync({
      entryPoints: ['checks/rules/effective-access.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      mainFields: ['module', 'main'],
      define: { ...IMPORT_META_URL_SHIM.define },
      banner: { js: IMPORT_META_URL_SHIM.banner },
      outfile: out,
      logLevel: 'silent',
    });
    const { effectiveAccess } = require(out) as typeof import('../../checks/rules/effective-access');
    const principal = { userName: 'jdoe', arn: 'arn:aws:iam::111122223333:user/jdoe', account: '111122223333' };
    const nearAdmin = { statements: [{ effect: 'Allow' as const, actions: [], notActions: ['iam:*'], resources: ['*'], awsPrincipals: [] }] };
    expect(effectiveAccess(principal, [{ via: 'user', name: 'power', document: nearAdmin }])({ action: 's3:GetObject', resource: 'arn:aws:s3:::b/x' })).toMatchObject({ allowed: true });
  });
});
