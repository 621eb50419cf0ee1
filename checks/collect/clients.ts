import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { IAMClient } from '@aws-sdk/client-iam';
import { S3Client } from '@aws-sdk/client-s3';
import { SDK_OPTIONS } from './sdk-options';

/** The SDK clients the live audit uses; built once per run and passed in, never module singletons. */
export interface AwsClients {
  readonly iam: IAMClient;
  readonly s3: S3Client;
  cloudTrail(region: string): CloudTrailClient;
}

/**
 * Standard credential chain and endpoint environment. Adaptive retries slow down on throttling;
 * a custom S3 endpoint (AWS_ENDPOINT_URL_S3, e.g. a local emulator) needs path-style addressing.
 */
export function createClients(env: NodeJS.ProcessEnv = process.env): AwsClients {
  const common = SDK_OPTIONS;
  const trails = new Map<string, CloudTrailClient>();
  return {
    iam: new IAMClient(common),
    s3: new S3Client({ ...common, forcePathStyle: Boolean(env.AWS_ENDPOINT_URL_S3) }),
    cloudTrail(region) {
      let client = trails.get(region);
      if (!client) {
        client = new CloudTrailClient({ ...common, region });
        trails.set(region, client);
      }
      return client;
    },
  };
}
