import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildCodingEnv } from '../../lib/build-app';
import { parseConfig } from '../../lib/config/load';
import type { ConfigInput } from '../../lib/config/schema';

/** The as-of date tests synthesize with: bsmith's endDate (2026-10-31) has passed, tnguyen is departed. */
export const AS_OF = '2026-11-20';

/** A fresh copy of the example organisation, as written. */
export function exampleConfig(): ConfigInput {
  return JSON.parse(readFileSync('config/coding-env.json', 'utf8')) as ConfigInput;
}

/** Context key listing the stacks whose assets are bundled; empty skips esbuild. */
export const SKIP_BUNDLING = 'aws:cdk:bundling-stacks';

/** cdk.json's context, so feature flags in tests match the real app. */
export function cdkContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> };
  return cdkJson.context;
}

export interface SynthOptions {
  /** Edits the example config before it is parsed. */
  readonly mutate?: (raw: ConfigInput) => void;
  /** @default AS_OF */
  readonly asOf?: string;
  /**
   * Give the app cdk.json's context, as `cdk synth` does.
   * @default true
   */
  readonly cdkJsonContext?: boolean;
  /** Further context, as `-c key=value` gives it. */
  readonly context?: Record<string, unknown>;
}

/**
 * Builds the stack from the example config (or an edited copy) and returns its template, with
 * the roster's nested stacks (users and first-password secrets) merged in, so tests read the
 * environment as one. `mainOnly` returns the parent stack's template alone.
 */
export function synth(options: SynthOptions & { readonly mainOnly?: boolean } = {}): Template {
  const raw = exampleConfig();
  options.mutate?.(raw);
  const config = parseConfig(raw, 'test config');
  // Template tests need no Lambda bundles (test/bin/app.test.ts synthesizes the real ones).
  const app = new App({ context: { ...(options.cdkJsonContext === false ? {} : cdkContext()), [SKIP_BUNDLING]: [], ...options.context } });
  const stack = buildCodingEnv(app, config, { asOf: options.asOf ?? AS_OF });
  const main = Template.fromStack(stack);
  if (options.mainOnly) return main;
  const merged = main.toJSON() as { Resources: Record<string, unknown> };
  for (const slice of stack.identities.slices) {
    Object.assign(merged.Resources, (Template.fromStack(slice).toJSON() as { Resources: Record<string, unknown> }).Resources);
  }
  return Template.fromJSON(merged);
}

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly DependsOn?: string[];
  readonly DeletionPolicy?: string;
}

/** Every resource of a type, logical ids dropped. */
export function resourcesOf(template: Template, type: string): CfnResourceJson[] {
  return Object.values(template.findResources(type)) as CfnResourceJson[];
}

/** The one resource of a type; fails when there are none or several. */
export function onlyResourceOf(template: Template, type: string): CfnResourceJson {
  const found = resourcesOf(template, type);
  if (found.length !== 1) throw new Error(`expected exactly one ${type}, found ${found.length}`);
  return found[0];
}

/** The logical id of the one resource of a type whose properties match `properties` (objectLike). */
export function logicalIdWhere(template: Template, type: string, properties: Record<string, unknown>): string {
  const ids = Object.keys(template.findResources(type, { Properties: properties }));
  if (ids.length !== 1) throw new Error(`expected one ${type} with ${JSON.stringify(properties)}, found ${ids.length}`);
  return ids[0];
}

/** No access key and no literal password anywhere: every login profile password is a Secrets Manager dynamic reference. */
export function expectNoCredentials(template: Template): void {
  template.resourceCountIs('AWS::IAM::AccessKey', 0);
  for (const user of resourcesOf(template, 'AWS::IAM::User')) {
    const password = (user.Properties as { LoginProfile?: { Password?: unknown } }).LoginProfile?.Password;
    if (password === undefined) continue;
    expect(typeof password).not.toBe('string');
    expect(JSON.stringify(password)).toContain('{{resolve:secretsmanager:');
  }
}

/** Logical ids of the subnets CDK tagged with `aws-cdk:subnet-type` = `type` (`Private` workloads, `Public` NAT). */
export function subnetIdsOfType(template: Template, type: 'Private' | 'Public'): string[] {
  return Object.entries(template.findResources('AWS::EC2::Subnet'))
    .filter(([, s]) => ((s as { Properties: { Tags?: { Key: string; Value: string }[] } }).Properties.Tags ?? []).some((t) => t.Key === 'aws-cdk:subnet-type' && t.Value === type))
    .map(([id]) => id)
    .sort();
}
