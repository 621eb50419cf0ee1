import { ACKNOWLEDGEMENTS, acknowledgementSchema } from '../../policies/acknowledgements';

describe('ACKNOWLEDGEMENTS', () => {
  // Pinned: adding, moving or widening an acknowledgement must show up here in review.
  test('the list of acknowledged findings (id @ path)', () => {
    expect(ACKNOWLEDGEMENTS.map((a) => `${a.id} @ ${a.path ?? '(whole app)'}`)).toEqual([]);
  });

  test('every entry is well formed and names its compensating control', () => {
    for (const ack of ACKNOWLEDGEMENTS) expect(acknowledgementSchema.safeParse(ack).success).toBe(true);
  });

  test('no acknowledgement covers the whole app', () => {
    expect(ACKNOWLEDGEMENTS.filter((a) => a.path === undefined)).toEqual([]);
  });
});
