import { baaProblem } from '../../../checks/rules/baa';

describe('baaProblem', () => {
  const baas = [
    { vendor: 'AcmeAI', signedOn: '2025-01-10', reviewedOn: '2026-01-05' },
    { vendor: 'ScribeCo', signedOn: '2024-03-01' },
  ];
  test('a BAA signed and reviewed within a year is current', () => {
    expect(baaProblem('AcmeAI', baas, '2026-11-20')).toBeUndefined();
  });
  test('no BAA section, none for the vendor, or one signed after the day', () => {
    expect(baaProblem('AcmeAI', undefined, '2026-11-20')).toBe('no BAA signed on or before 2026-11-20 on record');
    expect(baaProblem('OtherCo', baas, '2026-11-20')).toBe('no BAA signed on or before 2026-11-20 on record');
    expect(baaProblem('AcmeAI', baas, '2025-01-09')).toBe('no BAA signed on or before 2025-01-09 on record');
  });
  test('signed but never reviewed for over a year is stale', () => {
    expect(baaProblem('ScribeCo', baas, '2026-11-20')).toMatch(/^BAA last reviewed /);
  });
});
