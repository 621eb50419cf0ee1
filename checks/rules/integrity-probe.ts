import type { AdvancedSelector, BasicSelector, IntegrityState, IntegrityTarget } from '../model/integrity';
import type { Finding } from '../report-model';

/**
 * audit-integrity's live rules, from what the probe read (scheduled run): the trail still logs,
 * its selectors still record every read and write of PHI objects, the archive's Object Lock
 * default is still COMPLIANCE for the deployed retention, and CloudFormation finds no drift on
 * the stack's security resources. Each failure is high: the audit trail is what every other
 * check stands on.
 */
export function integrityFindings(state: IntegrityState, target: IntegrityTarget): Finding[] {
  return [...notLogging(state, target), ...selectorsMissPhi(state, target), ...lockWeakened(state, target), ...drifted(state)];
}

const finding = (rule: string, principal: string, summary: string, evidence: Finding['evidence']): Finding => ({ check: 'audit-integrity', rule, principal, severity: 'high', summary, evidence });
const trailName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

function notLogging(state: IntegrityState, target: IntegrityTarget): Finding[] {
  if (state.trail.isLogging) return [];
  const name = trailName(target.trailArn);
  return [finding('trail-not-logging', name, `The trail ${name} is not logging: nothing anyone does is recorded. Start logging again (redeploy the stack) and find out who stopped it.`, { trailArn: target.trailArn })];
}

function selectorsMissPhi(state: IntegrityState, target: IntegrityTarget): Finding[] {
  const root = `arn:aws:s3:::${target.phiBucket}/`;
  const sides = [...state.selectors.basic.map((s) => basicCovers(s, root)), ...state.selectors.advanced.map((s) => advancedCovers(s, root))];
  const read = sides.some((s) => s.read);
  const write = sides.some((s) => s.write);
  if (read && write) return [];
  const missing = [...(read ? [] : ['reads']), ...(write ? [] : ['writes'])].join(' and ');
  const name = trailName(target.trailArn);
  return [
    finding('selectors-missing-phi', name, `The trail ${name} no longer records ${missing} of PHI objects in ${target.phiBucket}: restore its data-event selectors (redeploy the stack).`, {
      trailArn: target.trailArn,
      bucket: target.phiBucket,
      missing: [...(read ? [] : ['read']), ...(write ? [] : ['write'])],
    }),
  ];
}

type Sides = { read: boolean; write: boolean };

/** A basic selector covers the bucket's objects when a value is all S3 objects or the bucket root. */
function basicCovers(s: BasicSelector, root: string): Sides {
  const covers = s.dataResources.some((d) => d.type === 'AWS::S3::Object' && d.values.some((v) => v === 'arn:aws:s3' || v === 'arn:aws:s3:::' || v === root));
  // Stryker disable next-line ObjectLiteral: sides are read only for truth, and {} reads as neither side, as this does.
  if (!covers) return { read: false, write: false };
  return { read: s.readWriteType === 'All' || s.readWriteType === 'ReadOnly', write: s.readWriteType === 'All' || s.readWriteType === 'WriteOnly' };
}

/**
 * An advanced selector covers the bucket's objects when it selects data events on S3 objects,
 * its ARN conditions take in the whole bucket and exclude none of it, and nothing else narrows
 * it (an event-name or other field would leave some accesses unrecorded).
 */
function advancedCovers(s: AdvancedSelector, root: string): Sides {
  // Stryker disable next-line ObjectLiteral: sides are read only for truth, and {} reads as neither side, as this does.
  const none = { read: false, write: false };
  let category = false;
  let type = false;
  let sides: Sides = { read: true, write: true };
  for (const f of s.fields) {
    if (f.field === 'eventCategory') category = equalsOnly(f, 'Data');
    else if (f.field === 'resources.type') type = equalsOnly(f, 'AWS::S3::Object');
    else if (f.field === 'readOnly') {
      if (!onlyEquals(f)) return none;
      const values = new Set(f.equals);
      sides = { read: values.has('true'), write: values.has('false') };
    } else if (f.field === 'resources.ARN') {
      if (f.equals || f.endsWith || (f.notEndsWith?.length ?? 0) > 0) return none;
      if (f.startsWith && !f.startsWith.some((v) => root.startsWith(v))) return none;
      const excludes = (v: string) => v.startsWith(root) || root.startsWith(v);
      if (f.notStartsWith?.some(excludes) || f.notEquals?.some(excludes)) return none;
    } else return none;
  }
  return category && type ? sides : none;
}

type Field = AdvancedSelector['fields'][number];

function onlyEquals(f: Field): f is Field & { readonly equals: readonly string[] } {
  return f.equals !== undefined && !f.startsWith && !f.notEquals && !f.notStartsWith && !f.endsWith && !f.notEndsWith;
}

function equalsOnly(f: Field, value: string): boolean {
  return onlyEquals(f) && f.equals.includes(value);
}

function lockWeakened(state: IntegrityState, target: IntegrityTarget): Finding[] {
  const { enabled, mode, days, years } = state.objectLock;
  // No default period retains nothing.
  const retained = days ?? (years ?? 0) * 365;
  if (enabled && mode === 'COMPLIANCE' && retained >= target.retentionDays) return [];
  const now = enabled ? `${mode ?? 'no default'}${days !== undefined ? ` ${days} days` : years !== undefined ? ` ${years} years` : ''}` : 'Object Lock off';
  return [
    finding('object-lock-weakened', target.archiveBucket, `The audit archive ${target.archiveBucket}'s default retention is ${now}, not COMPLIANCE for ${target.retentionDays} days: new trail files can be deleted early. Restore it and find out who changed it.`, {
      bucket: target.archiveBucket,
      expected: { mode: 'COMPLIANCE', days: target.retentionDays },
      found: { enabled, ...(mode ? { mode } : {}), ...(days !== undefined ? { days } : {}), ...(years !== undefined ? { years } : {}) },
    }),
  ];
}

/** Resource types whose drift weakens a control: identities, keys, buckets, trail, logs, network guards, the audit itself. */
const SECURITY_TYPES = [
  'AWS::IAM::',
  'AWS::KMS::',
  'AWS::S3::',
  'AWS::CloudTrail::',
  'AWS::Logs::',
  'AWS::EC2::ClientVpn',
  'AWS::EC2::FlowLog',
  'AWS::EC2::SecurityGroup',
  'AWS::EC2::VPCEndpoint',
  'AWS::AppStream::',
  'AWS::Lambda::',
  'AWS::StepFunctions::',
  'AWS::Events::',
  'AWS::Scheduler::',
  'AWS::SNS::',
  'AWS::SecretsManager::',
];

export function isSecurityResource(type: string): boolean {
  return SECURITY_TYPES.some((p) => type.startsWith(p));
}

function drifted(state: IntegrityState): Finding[] {
  return state.drift.resources
    .filter((r) => (r.status === 'MODIFIED' || r.status === 'DELETED') && isSecurityResource(r.type))
    .map((r) =>
      finding(
        'stack-drift',
        r.logicalId,
        r.status === 'DELETED'
          ? `CloudFormation finds ${r.logicalId} (${r.type}) of stack ${state.drift.stack} deleted outside the stack: redeploy and find out who removed it.`
          : `CloudFormation finds ${r.logicalId} (${r.type}) of stack ${state.drift.stack} changed outside the stack (${r.properties.join(', ') || 'properties'}): redeploy to restore it and find out who changed it.`,
        { stack: state.drift.stack, logicalId: r.logicalId, resourceType: r.type, driftStatus: r.status, properties: [...r.properties] },
      ),
    );
}
