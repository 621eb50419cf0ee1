import fc from 'fast-check';
import { allOf, anyOf, NO_VALUE, negatively, not, type Outcome, positively, unsupported } from '../../../../checks/rules/iam-evaluation/outcome';

const U1 = unsupported('condition operator StringEqualz');
const U2 = unsupported('a wildcard in the resource type');
const outcome = fc.oneof(fc.boolean(), fc.constantFrom(U1, U2));
const kind = (o: Outcome) => (typeof o === 'boolean' ? o : 'unknown');

describe('three-valued outcomes', () => {
  test('unsupported carries its reason', () => {
    expect(unsupported('x')).toEqual({ unsupported: 'x' });
  });
  test('not flips booleans and keeps the unknown as it is', () => {
    expect(not(true)).toBe(false);
    expect(not(false)).toBe(true);
    expect(not(U1)).toBe(U1);
  });
  test('anyOf: true wins, else the first unknown, else false; lazily', () => {
    const seen: Outcome[] = [];
    const probe = (o: Outcome) => (seen.push(o), o);
    expect(anyOf([U1, false, true, U2], probe)).toBe(true);
    expect(seen).toEqual([U1, false, true]);
    expect(anyOf([false, U1, U2], (o) => o)).toBe(U1);
    expect(anyOf([false, false], (o) => o)).toBe(false);
    expect(anyOf([], (o: Outcome) => o)).toBe(false);
  });
  test('allOf: false wins, else the first unknown, else true; lazily', () => {
    const seen: Outcome[] = [];
    const probe = (o: Outcome) => (seen.push(o), o);
    expect(allOf([U1, true, false, U2], probe)).toBe(false);
    expect(seen).toEqual([U1, true, false]);
    expect(allOf([true, U2, U1], (o) => o)).toBe(U2);
    expect(allOf([true, true], (o) => o)).toBe(true);
    expect(allOf([], (o: Outcome) => o)).toBe(true);
  });
  test('no value matches in neither sense; other matches read as they are, or negated', () => {
    expect(positively(NO_VALUE)).toBe(false);
    expect(negatively(NO_VALUE)).toBe(false);
    expect([positively(true), positively(false), positively(U1)]).toEqual([true, false, U1]);
    expect([negatively(true), negatively(false), negatively(U1)]).toEqual([false, true, U1]);
  });
  test('property: Kleene logic, De Morgan holds and a definite answer is the boolean one whenever no unknown could change it', () => {
    fc.assert(
      fc.property(fc.array(outcome, { maxLength: 8 }), (xs) => {
        expect(kind(not(anyOf(xs, (o) => o)))).toBe(kind(allOf(xs, not)));
        const known = xs.filter((o): o is boolean => typeof o === 'boolean');
        const unknowns = xs.length - known.length;
        const or = known.includes(true) ? true : unknowns > 0 ? 'unknown' : false;
        const and = known.includes(false) ? false : unknowns > 0 ? 'unknown' : true;
        expect(kind(anyOf(xs, (o) => o))).toBe(or);
        expect(kind(allOf(xs, (o) => o))).toBe(and);
      }),
    );
  });
});
