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
});
