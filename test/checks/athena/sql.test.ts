import fc from 'fast-check';
import { Parser } from 'node-sql-parser';
import { auditEventsQuery, coverageQuery, investigationQuery, literal, QueryInputError, windowPredicates } from '../../../checks/athena/sql';

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
