import { auditWindow } from '../../checks/audit';
import { evidenceState, incompleteness, runChecks } from '../../checks/engine';
import type { AuditModel } from '../../checks/model/audit-model';
import { parseRegister, registerEvidence } from '../../checks/register/load';
import { ALL_CHECKS } from '../../checks/rules/all-checks';
import type { CheckDefinition } from '../../checks/rules/context';
import { IncompleteCheckError } from '../../checks/rules/incomplete-check';
import { staleAccess } from '../../checks/rules/stale-access';
import { AS_OF, config, credentialUser, event, fullCoverage, iamUser } from './helpers';

const window = auditWindow(AS_OF, 30);
const model = (over: Partial<AuditModel> = {}): AuditModel => ({
  credentialReport: { ok: true, value: { users: [credentialUser('tnguyen', { passwordLastUsed: '2026-06-29T18:00:00+00:00' })], hasKeyLastUsed: true } },
  authorization: { ok: true, value: { users: [iamUser('tnguyen')], groups: [], roles: [], policies: [] } },
  events: { ok: true, value: [] },
  coverage: fullCoverage(window),
  register: { ok: true, value: {} },
  attestations: { ok: true, value: { sources: [], rows: [] } },
  ...over,
});

describe('engine', () => {
  test('runs every check and reports each ok', () => {
    const result = runChecks(model(), config(), window, []);
    expect(result.checks.map((c) => `${c.check}:${c.status}`)).toEqual(ALL_CHECKS.map((c) => `${c.check}:ok`));
    expect(result.findings.map((f) => f.rule)).toEqual(['departed-person-active']);
  });

  test('a check whose evidence is unavailable is error, naming it; the others run', () => {
    const result = runChecks(model({ events: { ok: false, error: 'cloudtrail/ not found' } }), config(), window, []);
    expect(result.checks.find((c) => c.check === 'vpn-bypass')).toEqual({ check: 'vpn-bypass', status: 'error', error: 'evidence unavailable: CloudTrail events: cloudtrail/ not found' });
    expect(result.checks.find((c) => c.check === 'shared-credentials')?.status).toBe('error');
    expect(result.checks.find((c) => c.check === 'privilege-creep')?.status).toBe('ok');
  });

  test('the register and the attestation export are evidence too: not provided or unreadable is error, naming them', () => {
    const result = runChecks(model({ register: undefined, attestations: { ok: false, error: 'ai-attestations.csv: 1 of 3 rows rejected' } }), config(), window, []);
    expect(result.checks.find((c) => c.check === 'breach-notification')).toEqual({ check: 'breach-notification', status: 'error', error: 'evidence unavailable: register: not collected' });
    expect(result.checks.find((c) => c.check === 'ai-attestation')?.error).toContain('AI-attestation export: ai-attestations.csv: 1 of 3 rows rejected');
    // Partial: the rows read still run, the check is error.
    const partial = runChecks(model({ attestations: { ok: true, value: { sources: ['ai-attestations.csv'], rows: [] }, problems: ['ai-attestations.csv: 1 of 3 rows rejected'] } }), config(), window, []);
    expect(partial.checks.find((c) => c.check === 'ai-attestation')).toMatchObject({ status: 'error', error: expect.stringMatching(/^evidence incomplete: AI-attestation export/) });
    expect(result.checks.find((c) => c.check === 'stale-access')?.status).toBe('ok');
  });

  test('a malformed register section makes only the checks reading that section error', () => {
    const register = registerEvidence(parseRegister({ incidents: [{ id: 'x' }], watchList: [] }, 'register.json'));
    const result = runChecks(model({ register }), config(), window, []);
    const status = (c: string) => result.checks.find((x) => x.check === c);
    expect(status('breach-notification')).toMatchObject({ status: 'error', error: expect.stringMatching(/^evidence incomplete: register: register section incidents: register.json: incidents\[0\]/) });
    for (const c of ['watch-list', 'ai-use', 'ai-attestation']) expect(status(c)?.status).toBe('ok');
  });

  test('a register that could not be read at all yields no findings from the checks judged against it, never ones invented from an empty register', () => {
    // The stand-in finds what stale-access finds; the register is what it would be judged against.
    const judged: CheckDefinition = { check: 'ai-use', needs: ['register'], run: staleAccess.run };
    const unreadable = runChecks(model({ register: { ok: false, error: 's3://b/register.json is invalid: (root): cannot be read: AccessDenied' } }), config(), window, [], [judged]);
    expect(unreadable.checks).toEqual([{ check: 'ai-use', status: 'error', error: expect.stringMatching(/^evidence unavailable: register: /) }]);
    expect(unreadable.findings).toEqual([]);
    // Evidence that findings are found in (not judged against) still shows what the rest establishes.
    const searched: CheckDefinition = { check: 'ai-attestation', needs: ['attestations'], run: staleAccess.run };
    const noExport = runChecks(model({ attestations: { ok: false, error: 'could not be listed' } }), config(), window, [], [searched]);
    expect(noExport.checks[0].status).toBe('error');
    expect(noExport.findings).toHaveLength(1);
  });

  test('a check that throws is error and does not stop the others', () => {
    const broken: CheckDefinition = { check: 'vpn-bypass', needs: [], run: () => { throw new Error('boom'); } };
    const result = runChecks(model(), config(), window, [], [broken, staleAccess]);
    expect(result.checks).toEqual([{ check: 'vpn-bypass', status: 'error', error: 'check failed: boom' }, { check: 'stale-access', status: 'ok' }]);
    expect(result.findings).toHaveLength(1);
  });
});

describe('engine over an organization (multi-account evidence)', () => {
  const once: CheckDefinition = { check: 'breach-notification' as CheckDefinition['check'], needs: [], run: () => [{ check: 'breach-notification', rule: 'r', principal: 'org', severity: 'low', summary: 's', evidence: {} }] };
  const org = (): AuditModel => ({
    ...model(),
    accounts: [
      { account: '222233334444', evidence: { credentialReport: { ok: false, error: 'accounts/222233334444/credential-report.csv is empty' } } },
      { account: '111122223333', evidence: {} },
    ],
  });

  test("a check reading per-account evidence runs once per account, its findings stamped; one reading none runs once, stamped 'organization'", () => {
    const result = runChecks(org(), config(), window, [], [staleAccess, once]);
    expect(result.findings.map((f) => `${f.account ?? '-'}:${f.rule}`)).toEqual(['111122223333:departed-person-active', 'organization:r']);
    expect(result.checks).toEqual([
      { check: 'stale-access', status: 'error', error: 'account 222233334444: evidence unavailable: credential report: accounts/222233334444/credential-report.csv is empty' },
      { check: 'breach-notification', status: 'ok' },
    ]);
    expect(result.completeness.credentialReport).toEqual({ state: 'unavailable', problems: ['account 222233334444: accounts/222233334444/credential-report.csv is empty'] });
    expect(result.evidence.accounts).toEqual(['111122223333', '222233334444']);
  });

  test("a coverage gap of one account errs that account's event checks only", () => {
    const timeline: CheckDefinition = { check: 'vpn-bypass', needs: ['events'], run: () => [] };
    const m: AuditModel = { ...org(), coverage: { ...fullCoverage(window), gaps: [{ from: '2026-11-02', to: '2026-11-02', account: '111122223333' }] } };
    const [status] = runChecks(m, config(), window, [], [timeline]).checks;
    expect(status.status).toBe('error');
    expect(status.error).toMatch(/^account 111122223333: evidence incomplete: CloudTrail events: no event on 2026-11-02 \(account 111122223333\)/);
    expect(status.error).not.toContain('222233334444');
  });

  test('an organization without a single account is error, never ok', () => {
    const [status] = runChecks({ ...model(), accounts: [] }, config(), window, [], [staleAccess]).checks;
    expect(status.status).toBe('error');
  });
});

describe('engine: the completeness model', () => {
  const timeline: CheckDefinition = { check: 'vpn-bypass', needs: ['events'], run: () => [] };
  const dayEvents = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => event({ time: new Date(window.from.getTime() + (from + i) * 86_400_000).toISOString() }));

  test('without a loader\'s coverage, the events handed in cover the window day by day, its two ends included', () => {
    const all = runChecks(model({ coverage: undefined, events: { ok: true, value: dayEvents(0, 30) } }), config(), window, [], [timeline]);
    expect(all.checks).toEqual([{ check: 'vpn-bypass', status: 'ok' }]);
    expect(all.coverage.gaps).toEqual([]);
  });

  test('events outside the window cover nothing: its first and last day are gaps', () => {
    const events = [...dayEvents(1, 29), event({ time: '2026-10-21T11:59:59.999Z' }), event({ time: '2026-11-20T12:00:00.001Z' })];
    const result = runChecks(model({ coverage: undefined, events: { ok: true, value: events } }), config(), window, [], [timeline]);
    expect(result.coverage.gaps).toEqual([{ from: '2026-10-21', to: '2026-10-21' }, { from: '2026-11-20', to: '2026-11-20' }]);
    expect(result.checks[0]).toEqual({ check: 'vpn-bypass', status: 'error', error: 'evidence incomplete: CloudTrail events: no event on 2026-10-21, 2026-11-20 (coverage.gaps): the window is not covered' });
  });

  test('unreadable events: every day a gap; the check names what is unavailable before what is incomplete', () => {
    const both: CheckDefinition = { check: 'shared-credentials', needs: ['credentialReport', 'events'], run: () => [] };
    const result = runChecks(model({ coverage: undefined, events: { ok: false, error: 'cloudtrail/ not found' }, credentialReport: { ok: true, value: { users: [], hasKeyLastUsed: true }, problems: ['credential-report.csv: row 3 rejected'] } }), config(), window, [], [both]);
    expect(result.coverage.gaps).toEqual([{ from: '2026-10-21', to: '2026-11-20' }]);
    expect(result.checks[0].error).toBe('evidence unavailable: CloudTrail events: cloudtrail/ not found; evidence incomplete: credential report: credential-report.csv: row 3 rejected');
    expect(result.completeness.credentialReport).toEqual({ state: 'partial', problems: ['credential-report.csv: row 3 rejected'] });
    expect(result.completeness.events).toEqual({ state: 'unavailable', problems: ['cloudtrail/ not found'] });
    expect(result.completeness.authorization).toEqual({ state: 'whole', problems: [] });
  });

  test('an authorization export with no users while the credential report lists some is not whole', () => {
    const result = runChecks(model({ authorization: { ok: true, value: { users: [], groups: [], roles: [], policies: [] } } }), config(), window, []);
    const expected = 'lists no IAM users while the credential report lists 1: the export is empty or cut';
    expect(result.evidence.authorization).toEqual({ ok: false, error: expected });
    expect(result.completeness.authorization).toEqual({ state: 'unavailable', problems: [expected] });
    expect(result.checks.find((c) => c.check === 'privilege-creep')?.status).toBe('error');
    // Both empty is consistent: an account without IAM users.
    const none = runChecks(model({ credentialReport: { ok: true, value: { users: [], hasKeyLastUsed: true } }, authorization: { ok: true, value: { users: [], groups: [], roles: [], policies: [] } } }), config(), window, []);
    expect(none.evidence.authorization.ok).toBe(true);
  });

  test('a check that finds some and then reports itself incomplete keeps those findings, its reasons before the evidence\'s', () => {
    const f = { check: 'vpn-bypass', rule: 'r', principal: 'p', severity: 'low' as const, summary: 's', evidence: {} };
    const incomplete: CheckDefinition = { check: 'vpn-bypass', needs: ['events'], run: () => { throw new IncompleteCheckError([f], ['3 events could not be judged']); } };
    const result = runChecks(model({ coverage: undefined, events: { ok: true, value: dayEvents(0, 29) } }), config(), window, [], [incomplete]);
    expect(result.findings).toEqual([f]);
    expect(result.checks[0]).toEqual({ check: 'vpn-bypass', status: 'error', error: '3 events could not be judged; evidence incomplete: CloudTrail events: no event on 2026-11-20 (coverage.gaps): the window is not covered' });
  });

  test('a check that throws on incomplete evidence names the failure, then the evidence', () => {
    const broken: CheckDefinition = { check: 'vpn-bypass', needs: ['events'], run: () => { throw new Error('boom'); } };
    const result = runChecks(model({ events: { ok: false, error: 'gone' } }), config(), window, [], [broken]);
    expect(result.checks[0].error).toBe('check failed: boom; evidence unavailable: CloudTrail events: gone');
  });

  test('evidence states: absent, unreadable, partial, whole', () => {
    expect(evidenceState(undefined)).toEqual({ state: 'unavailable', problems: ['not collected'] });
    expect(evidenceState({ ok: false, error: 'x' })).toEqual({ state: 'unavailable', problems: ['x'] });
    expect(evidenceState({ ok: true, value: 1, problems: [] })).toEqual({ state: 'whole', problems: [] });
    expect(evidenceState({ ok: true, value: 1, problems: ['p'] })).toEqual({ state: 'partial', problems: ['p'] });
  });

  test('evidence a check needs but nobody collected is unavailable: not collected', () => {
    expect(incompleteness(['attestations'], {}, fullCoverage(window))).toEqual(['evidence unavailable: AI-attestation export: not collected']);
    expect(incompleteness(['credentialReport'], { credentialReport: { ok: true, value: { users: [], hasKeyLastUsed: true } } }, { ...fullCoverage(window), gaps: [{ from: '2026-11-01', to: '2026-11-01' }] })).toEqual([]);
  });
});

describe('engine over an organization: completeness merged across accounts', () => {
  test('the worst state of any account wins, whatever their order; each problem names its account', () => {
    const partial = { ok: true as const, value: { users: [credentialUser('tnguyen')], hasKeyLastUsed: true }, problems: ['row 2 rejected'] };
    const gone = { ok: false as const, error: 'not found' };
    for (const [a, b] of [[partial, gone], [gone, partial]] as const) {
      const m: AuditModel = { ...model(), accounts: [{ account: '111122223333', evidence: { credentialReport: a } }, { account: '222233334444', evidence: { credentialReport: b } }] };
      const result = runChecks(m, config(), window, [], [staleAccess]);
      expect(result.completeness.credentialReport?.state).toBe('unavailable');
      expect(result.completeness.credentialReport?.problems).toEqual([
        `account 111122223333: ${a === partial ? 'row 2 rejected' : 'not found'}`,
        `account 222233334444: ${b === partial ? 'row 2 rejected' : 'not found'}`,
      ]);
    }
    const twoPartial: AuditModel = { ...model(), accounts: [{ account: '111122223333', evidence: { credentialReport: partial } }, { account: '222233334444', evidence: {} }] };
    expect(runChecks(twoPartial, config(), window, [], [staleAccess]).completeness.credentialReport?.state).toBe('partial');
  });

  test('no account at all: each per-account check says why; the organization-wide ones still run', () => {
    const once: CheckDefinition = { check: 'breach-notification' as CheckDefinition['check'], needs: ['register'], run: () => [] };
    const result = runChecks({ ...model(), accounts: [] }, config(), window, [], [staleAccess, once]);
    expect(result.checks).toEqual([
      { check: 'stale-access', status: 'error', error: 'no account in the evidence: accounts/ holds no 12-digit account folder and cloudtrail/ no event' },
      { check: 'breach-notification', status: 'ok' },
    ]);
    expect(result.evidence.accounts).toEqual([]);
  });
});

describe('engine: how errors read when there is more than one reason', () => {
  test('a check in error in two accounts names both, each with its account', () => {
    const gone = { ok: false as const, error: 'not found' };
    const m: AuditModel = { ...model(), accounts: [{ account: '222233334444', evidence: { credentialReport: gone } }, { account: '111122223333', evidence: { credentialReport: gone } }] };
    const [status] = runChecks(m, config(), window, [], [staleAccess]).checks;
    expect(status).toEqual({
      check: 'stale-access',
      status: 'error',
      error: 'account 111122223333: evidence unavailable: credential report: not found | account 222233334444: evidence unavailable: credential report: not found',
    });
  });

  test('two kinds of evidence unavailable are named in one reason, in the order the check needs them', () => {
    expect(incompleteness(['credentialReport', 'events'], { credentialReport: { ok: false, error: 'a' }, events: { ok: false, error: 'b' } }, fullCoverage(window))).toEqual([
      'evidence unavailable: credential report: a; CloudTrail events: b',
    ]);
  });

  test('a check reading two register sections is error when either is malformed', () => {
    const register = registerEvidence(parseRegister({ incidents: [], watchList: [{ patientId: 7 }] }, 'register.json'));
    const reader: CheckDefinition = { check: 'watch-list' as CheckDefinition['check'], needs: ['register'], registerSections: ['incidents', 'watchList'], run: () => [] };
    const [status] = runChecks(model({ register }), config(), window, [], [reader]).checks;
    expect(status).toMatchObject({ status: 'error', error: expect.stringMatching(/^evidence incomplete: register: register section watchList: /) });
  });
});
