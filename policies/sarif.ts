import { createHash } from 'node:crypto';
import type * as Sarif from 'sarif';
import type { FindingLevel, GateFinding, GateResult } from './findings';

/**
 * SARIF 2.1.0 from the gates' findings, for code-scanning UIs (GitHub code scanning reads
 * `partialFingerprints`, rule `helpUri` and `properties.security-severity`). Pure: findings and
 * rule metadata in, one log object out. Each result points at the line of our source that created
 * the construct (the template resource in cdk.out/ is a related location: it is generated).
 * Acknowledged findings stay in the log as suppressed results, with the reason as justification,
 * so a reviewer sees what was accepted and why.
 */

/** The official schema's id (OASIS, 2.1.0 errata 01); test/fixtures/sarif holds a copy. */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** Our fingerprint's name and version: bump the version if what it hashes ever changes. */
export const FINGERPRINT_KEY = 'codingEnvFinding/v1';

export interface RuleMetadata {
  readonly id: string;
  /** Short PascalCase name. */
  readonly name: string;
  readonly shortDescription: string;
  readonly help: string;
  readonly cfr?: readonly string[];
}

export interface SarifOptions {
  /**
   * Absolute URL of the repository's tree (ending in `/`), e.g.
   * `https://github.com/acme/coding-env/blob/<sha>/`: our rules' `helpUri` then points at their
   * entry in docs/controls.md. Without it, at the CFR section the rule enforces (eCFR).
   */
  readonly docsBaseUri?: string;
  /** The tool's version (package.json). */
  readonly toolVersion?: string;
}

interface SarifMessage { readonly text: string }

interface SarifPhysicalLocation {
  readonly artifactLocation: { readonly uri: string; readonly uriBaseId?: string };
  readonly region?: { readonly startLine: number; readonly startColumn?: number };
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: FindingLevel;
  readonly message: SarifMessage;
  readonly locations: {
    readonly physicalLocation?: SarifPhysicalLocation;
    readonly logicalLocations: { readonly name: string; readonly fullyQualifiedName: string; readonly kind: string }[];
  }[];
  readonly relatedLocations?: { readonly id: number; readonly physicalLocation: SarifPhysicalLocation; readonly message: SarifMessage }[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly suppressions?: { readonly kind: 'external'; readonly status: 'accepted'; readonly justification: string }[];
  readonly properties: { readonly pack: string; readonly constructPath: string; readonly fix: string };
}

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription: SarifMessage;
  readonly help: SarifMessage;
  readonly helpUri?: string;
  readonly defaultConfiguration: { readonly level: FindingLevel };
  readonly properties: { readonly tags: string[]; readonly 'security-severity': string; readonly precision: 'high' };
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: {
    readonly tool: {
      readonly driver: {
        readonly name: string;
        readonly version?: string;
        readonly informationUri: string;
        readonly rules: SarifRule[];
      };
    };
    readonly invocations: { readonly executionSuccessful: boolean; readonly toolExecutionNotifications: { readonly level: 'error'; readonly message: SarifMessage }[] }[];
    readonly results: SarifResult[];
  }[];
}

/** The rule id without a finding suffix: `AwsSolutions-IAM5[Resource::*]` -> `AwsSolutions-IAM5`. */
export function baseRuleId(ruleId: string): string {
  return ruleId.replace(/\[.*\]$/, '');
}

/**
 * GitHub's scale: 9.0+ critical, 7.0-8.9 high, 4.0-6.9 medium, below 4 low. A gate error blocks
 * the change (high); warnings and notes do not.
 */
const SECURITY_SEVERITY: Record<FindingLevel, string> = { error: '8.0', warning: '5.0', note: '2.0' };
const LEVEL_RANK: Record<FindingLevel, number> = { error: 3, warning: 2, note: 1 };

const CDK_NAG_RULES = 'https://github.com/cdklabs/cdk-nag/blob/main/RULES.md';

/** Where a rule is documented: cdk-nag's rule list for its packs, ours in docs/controls.md or the CFR. */
export function helpUriOf(ruleId: string, cfr: readonly string[], options: SarifOptions): string | undefined {
  if (ruleId.startsWith('AwsSolutions-')) return `${CDK_NAG_RULES}#awssolutions`;
  if (ruleId.startsWith('HIPAA.Security-')) return `${CDK_NAG_RULES}#hipaa-security`;
  if (!ruleId.startsWith('HIPAA.Coding-')) return undefined;
  // GitHub's heading anchor of "### `HIPAA.Coding-X`": lower case, punctuation but `-` dropped.
  if (options.docsBaseUri) return `${options.docsBaseUri}docs/controls.md#${ruleId.toLowerCase().replace(/[^a-z0-9-]/g, '')}`;
  const section = cfr[0];
  if (!section) return undefined;
  const part = section.replace(/\(.*$/, '');
  return `https://www.ecfr.gov/current/title-45/section-${part}${section === part ? '' : `#p-${section}`}`;
}

/** Stable across runs and line moves: the rule (with its suffix) and the construct path. */
export function fingerprintOf(finding: GateFinding): string {
  return createHash('sha256').update(`${finding.ruleId}\n${finding.constructPath}`).digest('hex').slice(0, 32);
}

/** Metadata for a rule we know nothing else about: what its finding said. */
function fallbackRule(finding: GateFinding): RuleMetadata {
  const id = baseRuleId(finding.ruleId);
  return { id, name: id.replace(/^.*-/, ''), shortDescription: finding.message.split(/(?<=\.)\s/)[0], help: finding.message };
}

function templateLocation(f: GateFinding): SarifPhysicalLocation | undefined {
  if (!f.location) return undefined;
  return { artifactLocation: { uri: f.location.templatePath }, ...(f.location.line ? { region: { startLine: f.location.line } } : {}) };
}

function sourceLocation(f: GateFinding): SarifPhysicalLocation | undefined {
  if (!f.source) return undefined;
  return {
    artifactLocation: { uri: f.source.file, uriBaseId: '%SRCROOT%' },
    region: { startLine: f.source.line, ...(f.source.column ? { startColumn: f.source.column } : {}) },
  };
}

export function toSarif(result: GateResult, known: readonly RuleMetadata[], options: SarifOptions = {}): SarifLog {
  const rules: RuleMetadata[] = [];
  const levels: FindingLevel[] = [];
  const indexOf = (finding: GateFinding): number => {
    const id = baseRuleId(finding.ruleId);
    let index = rules.findIndex((r) => r.id === id);
    if (index === -1) index = rules.push(known.find((r) => r.id === id) ?? fallbackRule(finding)) - 1;
    if (levels[index] === undefined || LEVEL_RANK[finding.level] > LEVEL_RANK[levels[index]]) levels[index] = finding.level;
    return index;
  };
  const results = result.findings.map((f): SarifResult => {
    const ruleIndex = indexOf(f);
    const rule = rules[ruleIndex];
    const why = f.problems.length > 0 ? `: ${f.problems.join('; ')}` : '';
    const source = sourceLocation(f);
    const template = templateLocation(f);
    return {
      ruleId: rule.id,
      ruleIndex,
      level: f.level,
      message: { text: `${f.constructPath}${why}. ${rule.shortDescription}${f.ruleId !== rule.id ? ` (${f.ruleId})` : ''}` },
      locations: [
        {
          // Our source line when the CDK recorded it; the generated template only as a last resort.
          ...(source ?? template ? { physicalLocation: source ?? template } : {}),
          logicalLocations: [
            { name: f.location?.logicalId ?? f.constructPath.split('/').pop() ?? f.constructPath, fullyQualifiedName: f.constructPath, kind: 'resource' },
          ],
        },
      ],
      ...(source && template ? { relatedLocations: [{ id: 1, physicalLocation: template, message: { text: `the synthesized resource ${f.location?.logicalId ?? ''}`.trim() } }] } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprintOf(f) },
      ...(f.acknowledged ? { suppressions: [{ kind: 'external' as const, status: 'accepted' as const, justification: `${f.acknowledged.reason} (acknowledged at ${f.acknowledged.at})` }] } : {}),
      properties: { pack: f.pack, constructPath: f.constructPath, fix: rule.help },
    };
  });
  const log: SarifLog = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'coding-env-gates',
            ...(options.toolVersion ? { version: options.toolVersion } : {}),
            informationUri: 'https://github.com/cdklabs/cdk-nag',
            rules: rules.map((r, i): SarifRule => {
              const helpUri = helpUriOf(r.id, r.cfr ?? [], options);
              return {
                id: r.id,
                name: r.name,
                shortDescription: { text: r.shortDescription },
                fullDescription: { text: r.help },
                help: { text: r.help },
                ...(helpUri ? { helpUri } : {}),
                defaultConfiguration: { level: levels[i] },
                properties: { tags: ['security', 'hipaa', ...(r.cfr ?? []).map((c) => `45-CFR-${c}`)], 'security-severity': SECURITY_SEVERITY[levels[i]], precision: 'high' },
              };
            }),
          },
        },
        invocations: [
          {
            executionSuccessful: result.pluginFailures.length === 0,
            toolExecutionNotifications: result.pluginFailures.map((p) => ({ level: 'error' as const, message: { text: `${p.pack}: ${p.error}` } })),
          },
        ],
        results,
      },
    ],
  };
  return conformsToSarifTypes(log);
}

/** Compile-time proof that our shape is a SARIF log as @types/sarif defines it. */
function conformsToSarifTypes<T extends Sarif.Log>(log: T): T {
  return log;
}
