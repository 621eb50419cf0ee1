import type { GateFinding, GateResult } from './findings';

/**
 * SARIF 2.1.0 from the gates' findings, for code-scanning UIs. Pure: findings and rule metadata
 * in, one log object out. Acknowledged findings stay in the log as suppressed results, with the
 * reason as justification, so a reviewer sees what was accepted and why.
 */

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

export interface RuleMetadata {
  readonly id: string;
  /** Short PascalCase name. */
  readonly name: string;
  readonly shortDescription: string;
  readonly help: string;
  readonly cfr?: readonly string[];
}

interface SarifMessage { readonly text: string }

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: 'error' | 'warning' | 'note';
  readonly message: SarifMessage;
  readonly locations: {
    readonly physicalLocation?: { readonly artifactLocation: { readonly uri: string }; readonly region?: { readonly startLine: number } };
    readonly logicalLocations: { readonly name: string; readonly fullyQualifiedName: string; readonly kind: string }[];
  }[];
  readonly suppressions?: { readonly kind: 'external'; readonly status: 'accepted'; readonly justification: string }[];
  readonly properties: { readonly pack: string; readonly constructPath: string; readonly fix: string };
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: {
    readonly tool: {
      readonly driver: {
        readonly name: string;
        readonly informationUri: string;
        readonly rules: {
          readonly id: string;
          readonly name: string;
          readonly shortDescription: SarifMessage;
          readonly fullDescription: SarifMessage;
          readonly help: SarifMessage;
          readonly properties: { readonly tags: string[] };
        }[];
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

/** Metadata for a rule we know nothing else about: what its finding said. */
function fallbackRule(finding: GateFinding): RuleMetadata {
  const id = baseRuleId(finding.ruleId);
  return { id, name: id.replace(/^.*-/, ''), shortDescription: finding.message.split(/(?<=\.)\s/)[0], help: finding.message };
}

export function toSarif(result: GateResult, known: readonly RuleMetadata[]): SarifLog {
  const rules: RuleMetadata[] = [];
  const indexOf = (finding: GateFinding): number => {
    const id = baseRuleId(finding.ruleId);
    let index = rules.findIndex((r) => r.id === id);
    if (index === -1) index = rules.push(known.find((r) => r.id === id) ?? fallbackRule(finding)) - 1;
    return index;
  };
  const results = result.findings.map((f): SarifResult => {
    const ruleIndex = indexOf(f);
    const rule = rules[ruleIndex];
    const why = f.problems.length > 0 ? `: ${f.problems.join('; ')}` : '';
    return {
      ruleId: rule.id,
      ruleIndex,
      level: f.level,
      message: { text: `${f.constructPath}${why}. ${rule.shortDescription}${f.ruleId !== rule.id ? ` (${f.ruleId})` : ''}` },
      locations: [
        {
          ...(f.location
            ? { physicalLocation: { artifactLocation: { uri: f.location.templatePath }, ...(f.location.line ? { region: { startLine: f.location.line } } : {}) } }
            : {}),
          logicalLocations: [
            { name: f.location?.logicalId ?? f.constructPath.split('/').pop() ?? f.constructPath, fullyQualifiedName: f.constructPath, kind: 'resource' },
          ],
        },
      ],
      ...(f.acknowledged ? { suppressions: [{ kind: 'external' as const, status: 'accepted' as const, justification: `${f.acknowledged.reason} (acknowledged at ${f.acknowledged.at})` }] } : {}),
      properties: { pack: f.pack, constructPath: f.constructPath, fix: rule.help },
    };
  });
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'coding-env-gates',
            informationUri: 'https://github.com/cdklabs/cdk-nag',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.name,
              shortDescription: { text: r.shortDescription },
              fullDescription: { text: r.help },
              help: { text: r.help },
              properties: { tags: ['hipaa', ...(r.cfr ?? []).map((c) => `45-CFR-${c}`)] },
            })),
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
}
