import fc from 'fast-check';
import { Parser } from 'node-sql-parser';
import { auditEventsQuery, coverageQuery, EVENT_COLUMNS, investigationQuery, literal, QueryInputError, sqlAccount, sqlBucket, sqlEventName, sqlEventSource, sqlKeyPrefix, sqlKeySegment, sqlRegion, sqlUserName, windowPredicates } from '../../../checks/athena/sql';

// Athena engine v3 is Trino; node-sql-parser's `trino` dialect is the closest grammar it has.
const parser = new Parser();
const parse = (sql: string) => parser.astify(sql, { database: 'trino' });
const w = { from: new Date('2026-10-21T12:00:00Z'), to: new Date('2026-11-20T12:00:00Z'), accounts: ['111122223333', '444455556666'] };

/** Every string literal of a query, unquoted. */
function literals(sql: string): string[] {
  return [...sql.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replace(/''/g, "'"));
}

describe('Athena SQL', () => {
  test.each([
    ['audit events', auditEventsQuery(w)],
    ['coverage', coverageQuery(w)],
    ['investigation by patient', investigationQuery(w, 'examplecoding-phi-records', { kind: 'patient', id: 'P100234' })],
    ['investigation by person', investigationQuery({ ...w, regions: ['us-east-1', 'us-west-2'] }, 'examplecoding-phi-records', { kind: 'person', id: 'jdoe' })],
    ['investigation by prefix', investigationQuery(w, 'examplecoding-phi-records', { kind: 'prefix', prefix: "cardiology/O'Brien" })],
  ])('%s parses as Trino (Athena engine v3) SQL, one SELECT', (_, sql) => {
    const ast = parse(sql);
    expect(Array.isArray(ast) ? ast.length : 1).toBe(1);
    expect((Array.isArray(ast) ? ast[0] : ast).type).toBe('select');
    expect(sql).not.toContain(';');
  });

  test('partition-pruned to the window: accounts, days (yyyy/MM/dd), event time; regions when named', () => {
    const where = windowPredicates({ ...w, regions: ['us-east-1'] });
    expect(where).toEqual([
      `"account" IN ('111122223333', '444455556666')`,
      `"region" IN ('us-east-1')`,
      `"day" BETWEEN '2026/10/21' AND '2026/11/20'`,
      `eventtime >= '2026-10-21T12:00:00Z'`,
      `eventtime <= '2026-11-20T12:00:00Z'`,
    ]);
  });

  test('projected to the columns the rules read, never SELECT *', () => {
    const sql = auditEventsQuery(w);
    expect(sql).not.toMatch(/SELECT \*/);
    for (const col of ['eventid', 'eventtime', 'useridentity.username', 'useridentity.accesskeyid', 'sourceipaddress', 'useragent', 'errorcode', 'vpcendpointid']) expect(sql).toContain(col);
    expect(sql).not.toMatch(/\b(requestparameters|responseelements|additionaleventdata|useridentity) AS/);
  });

  test.each([
    [() => auditEventsQuery({ ...w, accounts: ["111122223333' OR '1'='1"] }), /account id/],
    [() => auditEventsQuery({ ...w, accounts: [] }), /at least one account/],
    [() => auditEventsQuery({ ...w, regions: ['us-east-1; DROP TABLE x'] }), /region/],
    [() => auditEventsQuery({ ...w, from: w.to, to: w.from }), /ends before it starts/],
    [() => investigationQuery(w, "bucket' OR 1=1 --", { kind: 'person', id: 'jdoe' }), /bucket name/],
    [() => investigationQuery(w, 'examplecoding-phi-records', { kind: 'person', id: "jdoe' OR '1'='1" }), /IAM user name/],
    [() => investigationQuery(w, 'examplecoding-phi-records', { kind: 'patient', id: 'a/b' }), /patient id/],
    [() => investigationQuery(w, 'examplecoding-phi-records', { kind: 'prefix', prefix: 'x\u0000' }), /key prefix/],
    [() => investigationQuery(w, 'examplecoding-phi-records', { kind: 'prefix', prefix: "cardiology\\' OR 1=1 --" }), /key prefix/],
    [() => investigationQuery(w, 'examplecoding-phi-records', { kind: 'patient', id: 'P1\\' }), /patient id/],
  ])('refuses what is not a valid value (%#)', (build, message) => {
    expect(build).toThrow(QueryInputError);
    expect(build).toThrow(message);
  });

  test('property: any key prefix becomes exactly one literal holding it, and the query still parses', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !/[\u0000-\u001f\u007f\\]/.test(s)), (prefix) => {
        const sql = investigationQuery(w, 'examplecoding-phi-records', { kind: 'prefix', prefix });
        expect(literals(sql)).toContain(prefix);
        expect(sql).toContain(literal(prefix));
        parse(sql);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the value checks: each refuses with a message naming the value’s kind, never a long value whole', () => {
  test.each([
    [() => sqlEventName('GetObject'), "'GetObject'"],
    [() => sqlEventSource('s3.amazonaws.com'), "'s3.amazonaws.com'"],
    [() => sqlEventSource('bedrock-runtime.amazonaws.com'), "'bedrock-runtime.amazonaws.com'"],
    [() => sqlAccount('111122223333'), "'111122223333'"],
    [() => sqlRegion('us-gov-west-1'), "'us-gov-west-1'"],
    [() => sqlBucket('a.b-c'), "'a.b-c'"],
    [() => sqlUserName('j.doe+admin@example.com'), "'j.doe+admin@example.com'"],
    [() => sqlKeySegment("O'Brien"), "'O''Brien'"],
    [() => sqlKeyPrefix('cardiology/'), "'cardiology/'"],
  ])('accepts a valid value as a quoted literal (%#)', (build, sql) => {
    expect(build()).toBe(sql);
  });

  test.each([
    [() => sqlEventName("GetObject' OR '1'='1"), 'event name "GetObject\' OR \'1\'=\'1" is not valid in a query'],
    [() => sqlEventName('1GetObject'), 'event name "1GetObject" is not valid in a query'],
    [() => sqlEventSource('s3.amazonaws.com.evil'), 'event source "s3.amazonaws.com.evil" is not valid in a query'],
    [() => sqlEventSource('S3.amazonaws.com'), 'event source "S3.amazonaws.com" is not valid in a query'],
    [() => sqlAccount('1111222233334'), 'account id "1111222233334" is not valid in a query'],
    [() => sqlRegion('US-EAST-1'), 'region "US-EAST-1" is not valid in a query'],
    [() => sqlBucket('Bucket_Name'), 'bucket name "Bucket_Name" is not valid in a query'],
    [() => sqlUserName(''), 'IAM user name "" is not valid in a query'],
    [() => sqlKeySegment(''), 'patient id "" is not valid in a query'],
  ])('refuses (%#)', (build, message) => {
    expect(build).toThrow(new QueryInputError(message));
  });

  test('a refused value is quoted to its first 80 characters only', () => {
    const long = `${'a'.repeat(80)}/rest-of-a-long-value`;
    expect(() => sqlKeySegment(long)).toThrow(new QueryInputError(`patient id "${'a'.repeat(80)}" is not valid in a query`));
  });

  test('the error is a QueryInputError by name, so the CLI reports it as bad input', () => {
    let caught: unknown;
    try {
      sqlAccount('x');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(QueryInputError);
    expect((caught as Error).name).toBe('QueryInputError');
  });

  test('an invalid time and an empty region list are refused', () => {
    for (const [from, to] of [[new Date('nope'), w.to], [w.from, new Date(Number.NaN)]]) {
      expect(() => windowPredicates({ ...w, from, to })).toThrow(new QueryInputError('the window is not a valid time range'));
    }
    expect(() => windowPredicates({ ...w, regions: [] })).toThrow(new QueryInputError('an empty region list selects nothing'));
  });

  test('duplicate accounts and regions are named once; the end is cut to the second; a one-instant window is valid', () => {
    const at = new Date('2026-11-20T12:00:00.999Z');
    expect(windowPredicates({ from: at, to: at, accounts: ['111122223333', '111122223333'], regions: ['us-east-1', 'us-east-1'] })).toEqual([
      `"account" IN ('111122223333')`,
      `"region" IN ('us-east-1')`,
      `"day" BETWEEN '2026/11/20' AND '2026/11/20'`,
      `eventtime >= '2026-11-20T12:00:00Z'`,
      `eventtime <= '2026-11-20T12:00:00Z'`,
    ]);
  });
});

describe('the queries, whole', () => {
  test('coverage: events per account and UTC day under the window’s predicates', () => {
    expect(coverageQuery({ ...w, accounts: ['111122223333'] })).toBe(
      `SELECT "account" AS account, substr(eventtime, 1, 10) AS utc_day, count(*) AS events FROM coding_env_audit.cloudtrail WHERE "account" IN ('111122223333') AND "day" BETWEEN '2026/10/21' AND '2026/11/20' AND eventtime >= '2026-10-21T12:00:00Z' AND eventtime <= '2026-11-20T12:00:00Z' GROUP BY "account", substr(eventtime, 1, 10) ORDER BY account, utc_day`,
    );
  });

  test('audit events: every column with its alias, ordered by time and id', () => {
    const sql = auditEventsQuery({ ...w, accounts: ['111122223333'] });
    expect(sql.startsWith(`SELECT ${EVENT_COLUMNS.map(([e, a]) => `${e} AS ${a}`).join(', ')} FROM coding_env_audit.cloudtrail WHERE "account" IN ('111122223333') AND `)).toBe(true);
    expect(sql.endsWith(`eventtime <= '2026-11-20T12:00:00Z' ORDER BY eventtime, eventid`)).toBe(true);
  });

  const key = "coalesce(json_extract_scalar(requestparameters, '$.key'), json_extract_scalar(requestparameters, '$.Key'))";
  test.each([
    [{ kind: 'patient' as const, id: 'P100234' }, `split_part(${key}, '/', 2) = 'P100234' AND cardinality(split(${key}, '/')) > 2`],
    [{ kind: 'person' as const, id: 'jdoe' }, `useridentity.username = 'jdoe'`],
    [{ kind: 'prefix' as const, prefix: 'cardiology/P1' }, `starts_with(${key}, 'cardiology/P1')`],
  ])('investigation of %j: PHI bucket data events about the subject only', (subject, about) => {
    const sql = investigationQuery({ ...w, accounts: ['111122223333'] }, 'examplecoding-phi-records', subject);
    expect(sql).toContain(
      ` AND eventsource = 's3.amazonaws.com' AND json_extract_scalar(requestparameters, '$.bucketName') = 'examplecoding-phi-records' AND ${key} IS NOT NULL AND ${about} ORDER BY eventtime, eventid`,
    );
  });
});
