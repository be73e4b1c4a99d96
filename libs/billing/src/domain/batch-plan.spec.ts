import { type LedgerEntry, type PlannedEvent, planBatch } from './batch-plan';

const CUSTOMER = 'c1';
let index = 0;
const ev = (eventId: string, supersedes: string | null = null, customerId = CUSTOMER): PlannedEvent => ({
  index: index++,
  eventId,
  customerId,
  supersedes,
});
const ledger = (...entries: [string, string | null][]): Map<string, LedgerEntry> =>
  new Map(entries.map(([eventId, supersededBy]) => [eventId, { eventId, supersededBy }]));
const plan = (events: PlannedEvent[], held = ledger()) =>
  planBatch(events, { knownCustomers: new Set([CUSTOMER]), ledger: held });
const statuses = (p: ReturnType<typeof plan>) => p.verdicts.map((v) => `${v.eventId}:${v.status}`);

describe('planning a usage batch', () => {
  beforeEach(() => (index = 0));

  it('accepts new events in batch order', () => {
    const p = plan([ev('a'), ev('b')]);
    expect(statuses(p)).toEqual(['a:accepted', 'b:accepted']);
    expect(p.accepted.map((e) => e.eventId)).toEqual(['a', 'b']);
    expect(p.supersessions).toEqual([]);
  });

  it('counts an event once, whether it is in the ledger or repeated in the batch', () => {
    const p = plan([ev('a'), ev('a'), ev('b')], ledger(['b', null]));
    expect(statuses(p)).toEqual(['a:accepted', 'a:duplicate', 'b:duplicate']);
    expect(p.accepted).toHaveLength(1);
  });

  it('rejects an event of an unknown customer with the reason', () => {
    const p = plan([ev('a', null, 'stranger')]);
    expect(p.verdicts[0]).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/customerId/) });
    expect(p.accepted).toEqual([]);
  });

  it('replaces an original held in the ledger', () => {
    const p = plan([ev('a2', 'a')], ledger(['a', null]));
    expect(statuses(p)).toEqual(['a2:accepted']);
    expect(p.supersessions).toEqual([{ original: 'a', by: 'a2' }]);
  });

  it('replaces an original sent earlier in the same batch, and a correction of a correction', () => {
    const p = plan([ev('a'), ev('a2', 'a'), ev('a3', 'a2')]);
    expect(statuses(p)).toEqual(['a:accepted', 'a2:accepted', 'a3:accepted']);
    expect(p.supersessions).toEqual([
      { original: 'a', by: 'a2' },
      { original: 'a2', by: 'a3' },
    ]);
  });

  it('rejects a correction of an unknown original', () => {
    const p = plan([ev('x2', 'x')]);
    expect(p.verdicts[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/no earlier event x/),
    });
  });

  it('rejects a second correction of the same original, in the ledger or in the batch', () => {
    const held = plan([ev('b2', 'b')], ledger(['b', 'b1']));
    expect(held.verdicts[0]).toMatchObject({
      status: 'rejected',
      reason: expect.stringMatching(/already superseded by b1/),
    });
    const batch = plan([ev('a2', 'a'), ev('a3', 'a')], ledger(['a', null]));
    expect(statuses(batch)).toEqual(['a2:accepted', 'a3:rejected']);
    expect(batch.supersessions).toEqual([{ original: 'a', by: 'a2' }]);
  });

  it('does not let a rejected correction replace its original', () => {
    const p = plan([ev('a2', 'a', 'stranger'), ev('a3', 'a')], ledger(['a', null]));
    expect(statuses(p)).toEqual(['a2:rejected', 'a3:accepted']);
    expect(p.supersessions).toEqual([{ original: 'a', by: 'a3' }]);
  });

  it('treats a re-sent correction as a duplicate, not as a second replacement', () => {
    const p = plan([ev('a2', 'a')], ledger(['a', 'a2'], ['a2', null]));
    expect(statuses(p)).toEqual(['a2:duplicate']);
    expect(p.supersessions).toEqual([]);
  });
});
