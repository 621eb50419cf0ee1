import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Size, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { chromiumExecutable } from '../../checks/report/browser';
import { BUNDLED_CONFIG_FILE, loadConfigFile } from '../../lib/config/load';
import { AuditFunction } from '../../lib/audit-function';
import { ChromiumLayer, LAMBDA_UNZIPPED_LIMIT_BYTES } from '../../lib/chromium-layer';

/** Bytes of a staged asset folder in the cloud assembly, as Lambda unzips it. */
function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const path = join(dir, entry.name);
    return sum + (entry.isDirectory() ? folderBytes(path) : statSync(path).size);
  }, 0);
}

describe('the report function with its Chromium layer, bundled for real', () => {
  let outdir: string;
  let assets: Map<string, number>;
  let template: Record<string, { Type: string; Properties: Record<string, unknown>; Metadata?: Record<string, string> }>;

  beforeAll(() => {
    outdir = mkdtempSync(join(tmpdir(), 'chromium-layer-'));
    const app = new App({ outdir, context: { 'aws:cdk:enable-asset-metadata': true } });
    const stack = new Stack(app, 'LayerSize');
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, maxAzs: 1, subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const securityGroup = new ec2.SecurityGroup(stack, 'Sg', { vpc, allowAllOutbound: false });
    // The same function as lib/scheduled-checks.ts builds for the report step.
    new AuditFunction(stack, 'Report', {
      handler: 'report',
      description: 'report',
      config: loadConfigFile('config/coding-env.json'),
      logsKey: new kms.Key(stack, 'Key'),
      network: { vpc, subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, securityGroup },
      architecture: lambda.Architecture.X86_64,
      layers: [new ChromiumLayer(stack, 'Chromium').layer],
      externalModules: ['playwright-core'],
      memorySize: 2048,
      ephemeralStorageSize: Size.mebibytes(1024),
    });
    const assembly = app.synth();
    template = assembly.getStackByName('LayerSize').template.Resources;
    assets = new Map(
      readdirSync(assembly.directory)
        .filter((name) => name.startsWith('asset.'))
        .map((name) => [name, folderBytes(join(assembly.directory, name))]),
    );
  }, 120_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  const assetOf = (type: string) => {
    const resource = Object.values(template).find((r) => r.Type === type);
    const path = resource?.Metadata?.['aws:asset:path'];
    if (!path) throw new Error(`no asset for ${type}`);
    return path;
  };

  test('function code and layer together stay within 250 MB unzipped', () => {
    const code = assets.get(assetOf('AWS::Lambda::Function')) ?? 0;
    const layer = assets.get(assetOf('AWS::Lambda::LayerVersion')) ?? 0;
    expect(code).toBeGreaterThan(10_000);
    expect(layer).toBeGreaterThan(50 * 1024 * 1024); // the brotli Chromium is in it
    expect(code + layer).toBeLessThanOrEqual(LAMBDA_UNZIPPED_LIMIT_BYTES);
  });

  test('the layer holds the brotli files under chromium/ and playwright-core under nodejs/node_modules', () => {
    const layer = join(outdir, assetOf('AWS::Lambda::LayerVersion'));
    expect(readdirSync(join(layer, 'chromium')).sort()).toEqual(['al2023.tar.br', 'chromium.br', 'fonts.tar.br', 'swiftshader.tar.br']);
    expect(readdirSync(join(layer, 'nodejs', 'node_modules'))).toEqual(['playwright-core']);
  });

  test('the bundle leaves playwright-core to the layer and carries the config', () => {
    const code = join(outdir, assetOf('AWS::Lambda::Function'));
    expect(readdirSync(code).sort()).toEqual(expect.arrayContaining(['index.js', BUNDLED_CONFIG_FILE]));
    expect(readdirSync(code)).not.toContain('node_modules');
    // Loaded as Lambda loads it: playwright-core resolves from the layer's nodejs/node_modules.
    const layerModules = join(outdir, assetOf('AWS::Lambda::LayerVersion'), 'nodejs', 'node_modules');
    const out = execFileSync(process.execPath, ['-e', `const m = require(${JSON.stringify(join(code, 'index.js'))}); require('playwright-core'); process.stdout.write(typeof m.handler)`], {
      encoding: 'utf8',
      cwd: code,
      env: { PATH: '', NODE_PATH: layerModules, AWS_REGION: 'us-east-1' },
    });
    expect(out).toBe('function');
  });

  test('the unpacked browser fits the function\'s 1,024 MB of /tmp with room to spare', async () => {
    const unpacked = statSync(await chromiumExecutable()).size;
    expect(unpacked * 2).toBeLessThan(1024 * 1024 * 1024);
  });
});
