import { aiAttestation } from '../../../checks/rules/ai-attestation';
import type { AiAttestation } from '../../../checks/model/attestations';
import type { Register } from '../../../checks/register/schema';
import { run } from '../helpers';

const trained: Register = { training: [{ personId: 'jdoe', completedOn: '2026-02-10' }, { personId: 'mgarcia', completedOn: '2026-03-03' }, { personId: 'hmartin', completedOn: '2026-01-20' }] };

/** A claim suggested at `at`, attested `after` ms later by `by`, submitted a minute after that. */
function claim(id: string, over: Partial<AiAttestation> = {}, at = '2026-11-10T15:00:00Z', after = 60_000, by = 'jdoe'): AiAttestation {
  const s = Date.parse(at);
  return {
    claimId: id,
    suggestedAt: at,
    suggestedMs: s,
    suggestedCodes: ['I10', 'E11.9'],
    model: 'coding-assist-2.1',
    attestedBy: by,
    attestedAt: new Date(s + after).toISOString(),
    attestedMs: s + after,
    action: 'accepted',
    finalCodes: ['I10', 'E11.9'],
    submittedAt: new Date(s + after + 60_000).toISOString(),
    submittedMs: s + after + 60_000,
    ...over,
  };
}
const check = (rows: AiAttestation[], register: Register = trained) => run(aiAttestation, { attestations: { sources: ['ai-attestations.jsonl'], rows }, register });
const found = (rows: AiAttestation[], register?: Register) => check(rows, register).map((f) => `${f.rule}:${f.principal}:${f.severity}`);

describe('ai-attestation', () => {
  test('attested by a trained coder a minute after the suggestion, submitted after: nothing', () => {
    expect(found([claim('C1'), claim('C2', {}, '2026-11-10T15:00:00Z', 60_000, 'mgarcia')])).toEqual([]);
  });

  test('no export: nothing to examine', () => {
    expect(run(aiAttestation, { register: trained })).toEqual([]);
  });

  test('unattested-ai-codes: never attested (principal is the claim), or submitted before the attestation (principal the attester)', () => {
    const never = claim('C9', { attestedBy: undefined, attestedAt: undefined, attestedMs: undefined });
    const early = claim('C8', { submittedMs: Date.parse('2026-11-10T15:00:30Z'), submittedAt: '2026-11-10T15:00:30Z' });
    expect(found([never, early])).toEqual(['unattested-ai-codes:C9:high', 'unattested-ai-codes:jdoe:high']);
    // Submitted the same millisecond as the attestation is not before it; no suggested codes, nothing to attest.
    const same = claim('C7', { submittedMs: Date.parse('2026-11-10T15:01:00Z') });
    const none = claim('C6', { suggestedCodes: [], attestedBy: undefined, attestedAt: undefined, attestedMs: undefined });
    expect(found([same, none])).toEqual([]);
  });

  test('attested-by-non-coder: not in the roster, auditor, departed, untrained, or trained too long before', () => {
    const rows = [claim('C1', {}, undefined, undefined, 'stranger'), claim('C2', {}, undefined, undefined, 'hmartin'), claim('C3', {}, undefined, undefined, 'tnguyen'), claim('C4', {}, undefined, undefined, 'rpatel')];
    expect(found(rows)).toEqual(['attested-by-non-coder:stranger:high', 'attested-by-non-coder:hmartin:high', 'attested-by-non-coder:tnguyen:high', 'attested-by-non-coder:rpatel:high']);
    // trainingDays is 365: trained 2025-11-10 covers an attestation on 2026-11-10, 2025-11-09 does not.
    expect(found([claim('C5')], { training: [{ personId: 'jdoe', completedOn: '2025-11-10' }] })).toEqual([]);
    expect(found([claim('C5')], { training: [{ personId: 'jdoe', completedOn: '2025-11-09' }] })).toEqual(['attested-by-non-coder:jdoe:high']);
    // Training after the attestation does not count for it.
    expect(found([claim('C5')], { training: [{ personId: 'jdoe', completedOn: '2026-11-11' }] })).toEqual(['attested-by-non-coder:jdoe:high']);
  });

  test('rubber-stamp: 5 claims under 15 s is a finding, 4 is not, and 15 s exactly is not fast', () => {
    const fast = (n: number, ms = 14_999) => Array.from({ length: n }, (_, i) => claim(`F${i}`, {}, `2026-11-1${i}T15:00:00Z`, ms));
    expect(found(fast(4))).toEqual([]);
    expect(found([...fast(4), claim('S1', {}, '2026-11-18T15:00:00Z', 15_000)])).toEqual([]);
    const [f] = check(fast(5));
    expect(f).toMatchObject({ rule: 'rubber-stamp', principal: 'jdoe', severity: 'medium', evidence: { count: 5 } });
  });

  test('claims outside the window are not judged', () => {
    const old = claim('C1', { attestedBy: undefined, attestedAt: undefined, attestedMs: undefined, submittedAt: undefined, submittedMs: undefined }, '2026-09-01T15:00:00Z');
    const future = claim('C2', { attestedBy: undefined, attestedAt: undefined, attestedMs: undefined, submittedAt: undefined, submittedMs: undefined }, '2026-11-21T15:00:00Z');
    expect(found([old, future])).toEqual([]);
  });

  test('unattested-ai-codes: the finding in full, for a claim nobody attested', () => {
    const never = claim('C9', { attestedBy: undefined, attestedAt: undefined, attestedMs: undefined, submittedAt: '2026-11-10T16:00:00.000Z', submittedMs: Date.parse('2026-11-10T16:00:00Z') });
    expect(check([never])).toStrictEqual([
      {
        check: 'ai-attestation',
        rule: 'unattested-ai-codes',
        principal: 'C9',
        severity: 'high',
        summary: '1 claim with AI-suggested codes not attested before submission (1 never attested; first suggested 2026-11-10T15:00:00Z): hold or correct it until a coder has reviewed every code.',
        evidence: { count: 1, claims: [{ claimId: 'C9', suggestedAt: '2026-11-10T15:00:00Z', submittedAt: '2026-11-10T16:00:00.000Z', why: 'never attested' }] },
      },
    ]);
  });

  test('unattested-ai-codes: claims one person submitted before attesting, in one finding naming them', () => {
    const early = (id: string, at: string) => claim(id, { submittedMs: Date.parse(at) + 30_000, submittedAt: new Date(Date.parse(at) + 30_000).toISOString() }, at);
    const [f] = check([early('C1', '2026-11-10T15:00:00Z'), early('C2', '2026-11-11T15:00:00Z')]);
    expect(f.summary).toBe(
      '2 claims with AI-suggested codes assigned to jdoe not attested before submission (0 never attested; first suggested 2026-11-10T15:00:00Z): hold or correct them until a coder has reviewed every code.',
    );
    expect(f.evidence).toEqual({
      count: 2,
      claims: [
        { claimId: 'C1', suggestedAt: '2026-11-10T15:00:00Z', attestedAt: '2026-11-10T15:01:00.000Z', submittedAt: '2026-11-10T15:00:30.000Z', why: 'submitted before attestation' },
        { claimId: 'C2', suggestedAt: '2026-11-11T15:00:00Z', attestedAt: '2026-11-11T15:01:00.000Z', submittedAt: '2026-11-11T15:00:30.000Z', why: 'submitted before attestation' },
      ],
    });
  });

  test('attested-by-non-coder: the finding in full, and why for each kind of attester', () => {
    expect(check([claim('C1', {}, undefined, undefined, 'rpatel'), claim('C2', {}, '2026-11-12T15:00:00Z', undefined, 'rpatel')])).toEqual([
      {
        check: 'ai-attestation',
        rule: 'attested-by-non-coder',
        principal: 'rpatel',
        severity: 'high',
        summary: 'rpatel attested 2 AI-suggested claims without being a trained, active coder (no training within 365 days before attesting; first 2026-11-10T15:01:00.000Z): have a qualified coder re-review them.',
        evidence: {
          count: 2,
          why: ['no training within 365 days before attesting'],
          claims: [
            { claimId: 'C1', attestedAt: '2026-11-10T15:01:00.000Z' },
            { claimId: 'C2', attestedAt: '2026-11-12T15:01:00.000Z' },
          ],
        },
      },
    ]);
    const why = (by: string) => check([claim('C1', {}, undefined, undefined, by)])[0];
    expect(why('stranger').evidence.why).toEqual(['not in the roster']);
    expect(why('stranger').summary).toBe('stranger attested 1 AI-suggested claim without being a trained, active coder (not in the roster; first 2026-11-10T15:01:00.000Z): have a qualified coder re-review them.');
    expect(why('hmartin').evidence.why).toEqual(['role auditor, not coder or lead']);
    expect(why('tnguyen').evidence.why).toEqual(['departed']);
  });

  test('attested-by-non-coder: a lead is a coder; no training section at all leaves everyone untrained', () => {
    expect(found([claim('C1', {}, undefined, undefined, 'mgarcia')])).toEqual([]);
    expect(found([claim('C1', {}, undefined, undefined, 'mgarcia')], {})).toEqual(['attested-by-non-coder:mgarcia:high']);
  });

  test('rubber-stamp: the finding in full', () => {
    const fast = Array.from({ length: 5 }, (_, i) => claim(`F${i}`, {}, `2026-11-1${i}T15:00:00Z`, 4_500));
    expect(check(fast)).toEqual([
      {
        check: 'ai-attestation',
        rule: 'rubber-stamp',
        principal: 'jdoe',
        severity: 'medium',
        summary: 'jdoe attested 5 AI-suggested claims less than 15 seconds after the suggestion (first 2026-11-10T15:00:04.500Z): review a sample of them and coach on checking every code.',
        evidence: { count: 5, claims: fast.map((r) => ({ claimId: r.claimId, suggestedAt: r.suggestedAt, attestedAt: r.attestedAt, seconds: 4.5 })) },
      },
    ]);
  });

  test('the window: a claim counts when suggested, attested or submitted in it, both ends included, and never when suggested after it', () => {
    // The helpers' window: 30 days to 2026-11-20T12:00:00Z.
    const bare = { attestedBy: undefined, attestedAt: undefined, attestedMs: undefined, submittedAt: undefined, submittedMs: undefined };
    const at = (id: string, iso: string, over: Partial<AiAttestation> = {}) => claim(id, { ...bare, ...over }, iso);
    expect(found([at('END', '2026-11-20T12:00:00Z')])).toEqual(['unattested-ai-codes:END:high']);
    expect(found([at('LATE', '2026-11-20T12:00:00.001Z')])).toEqual([]);
    expect(found([at('START', '2026-10-21T12:00:00Z')])).toEqual(['unattested-ai-codes:START:high']);
    expect(found([at('EARLY', '2026-10-21T11:59:59.999Z')])).toEqual([]);
    // Suggested before the window, submitted in it without an attestation.
    expect(found([at('SUB', '2026-10-01T12:00:00Z', { submittedAt: '2026-11-02T12:00:00Z', submittedMs: Date.parse('2026-11-02T12:00:00Z') })])).toEqual(['unattested-ai-codes:SUB:high']);
  });

  test('the window: a claim suggested before it and attested or submitted only after it is not judged in it', () => {
    const before = '2026-10-01T12:00:00Z';
    const afterEnd = (iso: string) => ({ ms: Date.parse(iso), iso });
    const late = afterEnd('2026-11-25T12:00:00Z');
    const lateSubmission = claim('LS', { attestedBy: undefined, attestedAt: undefined, attestedMs: undefined, submittedAt: late.iso, submittedMs: late.ms }, before);
    const lateAttestation = claim('LA', { attestedAt: late.iso, attestedMs: late.ms, submittedAt: '2026-11-25T12:01:00Z', submittedMs: late.ms + 60_000 }, before, undefined, 'stranger');
    expect(found([lateSubmission, lateAttestation])).toEqual([]);
  });

  test('the window: a claim suggested after it is not judged, even with an earlier time recorded in it', () => {
    // An export whose clocks disagree: submitted (by its own record) before the suggestion was made.
    const skewed = claim('SK', { attestedBy: undefined, attestedAt: undefined, attestedMs: undefined, submittedAt: '2026-11-15T12:00:00Z', submittedMs: Date.parse('2026-11-15T12:00:00Z') }, '2026-11-21T12:00:00Z');
    expect(found([skewed])).toEqual([]);
  });

  test('an attestation with no attester or no time is judged by nobody but unattested-ai-codes', () => {
    const noTime = claim('C1', { attestedMs: undefined, attestedAt: undefined }, undefined, undefined, 'stranger');
    const noOne = Array.from({ length: 5 }, (_, i) => claim(`F${i}`, { attestedBy: undefined }, `2026-11-1${i}T15:00:00Z`, 4_000));
    expect(found([noTime])).toEqual(['unattested-ai-codes:stranger:high']);
    expect(found(noOne)).toEqual([]);
  });

  test('training on the day of the attestation counts; one recent record among old ones is enough', () => {
    expect(found([claim('C5')], { training: [{ personId: 'jdoe', completedOn: '2026-11-10' }] })).toEqual([]);
    expect(found([claim('C5')], { training: [{ personId: 'jdoe', completedOn: '2020-01-01' }, { personId: 'jdoe', completedOn: '2026-02-10' }] })).toEqual([]);
  });

  test('rubber-stamp: five fast attestations with no time recorded are no rubber stamp', () => {
    const timeless = Array.from({ length: 5 }, (_, i) => claim(`T${i}`, { attestedMs: undefined, attestedAt: undefined }, `2026-11-1${i}T15:00:00Z`));
    expect(check(timeless).filter((f) => f.rule === 'rubber-stamp')).toEqual([]);
  });
});

