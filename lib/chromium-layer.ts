import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

const ROOT = path.join(__dirname, '..');
const CHROMIUM_PACKAGE = path.join(ROOT, 'node_modules', '@sparticuz', 'chromium');
const PLAYWRIGHT_PACKAGE = path.join(ROOT, 'node_modules', 'playwright-core');

/** Where the layer's brotli files land in the function: Lambda mounts layers under /opt. */
export const CHROMIUM_BIN_DIR = '/opt/chromium';

/** Lambda's limit on a function's unzipped code and layers together. */
export const LAMBDA_UNZIPPED_LIMIT_BYTES = 250 * 1024 * 1024;

/**
 * The report function's browser as a Lambda layer, built from the installed npm packages (no
 * download): `@sparticuz/chromium`'s brotli files under `/opt/chromium` (unpacked to /tmp at the
 * first run) and playwright-core under `/opt/nodejs/node_modules` (it cannot be bundled by
 * esbuild: it reads its own package files). x86_64 only: the package ships that architecture.
 */
export class ChromiumLayer extends Construct {
  public readonly layer: lambda.LayerVersion;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const versions = `${packageVersion(CHROMIUM_PACKAGE)}+${packageVersion(PLAYWRIGHT_PACKAGE)}`;
    this.layer = new lambda.LayerVersion(this, 'Layer', {
      description: `Chromium (@sparticuz/chromium) and playwright-core ${versions} for the compliance report's PDF`,
      compatibleArchitectures: [lambda.Architecture.X86_64],
      compatibleRuntimes: [lambda.Runtime.NODEJS_24_X],
      code: lambda.Code.fromAsset(CHROMIUM_PACKAGE, {
        // Named by the package versions: the lockfile pins them, so the layer changes only with them.
        assetHashType: AssetHashType.CUSTOM,
        assetHash: versions,
        bundling: {
          image: DockerImage.fromRegistry('unused-local-bundling'),
          local: {
            tryBundle(outputDir: string): boolean {
              mkdirSync(path.join(outputDir, 'nodejs', 'node_modules'), { recursive: true });
              cpSync(path.join(CHROMIUM_PACKAGE, 'bin'), path.join(outputDir, 'chromium'), { recursive: true });
              cpSync(PLAYWRIGHT_PACKAGE, path.join(outputDir, 'nodejs', 'node_modules', 'playwright-core'), { recursive: true });
              return true;
            },
          },
        },
      }),
    });
  }
}

function packageVersion(dir: string): string {
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}
