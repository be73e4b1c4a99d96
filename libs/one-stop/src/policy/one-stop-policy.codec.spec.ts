import { fromPublished, policyOfRow, toPublished } from './one-stop-policy.codec';
import { defaultOneStopPolicy, type OneStopPolicy } from './one-stop-policy.reader';

describe('one-stop policy codec', () => {
  const policy: OneStopPolicy = {
    ...defaultOneStopPolicy({}),
    version: 7n,
    transitShareBp: 1200,
    overrides: [
      {
        product: 'ddn',
        aEndProvince: '440000',
        zEndProvince: '330000',
        aEndBp: 5000,
        zEndBp: 3000,
        transitBp: 2000,
      },
      { zEndProvince: '330000', aEndBp: 4500, zEndBp: 4500, transitBp: 1000 },
    ],
    updatedAt: new Date('2026-05-01T08:00:00.000Z'),
  };

  it('publishes "any" as an empty string and reads it back as absent', () => {
    const published = toPublished(policy);
    expect(published.overrides[1]).toMatchObject({ product: '', aEndProvince: '', zEndProvince: '330000' });
    expect(fromPublished(published, new Date())).toEqual(policy);
  });

  it('reads a publication without a quote answer time as the receiver’s default', () => {
    const published = { ...toPublished({ ...policy, quoteReplySeconds: 120 }) };
    expect(published.quoteReplySeconds).toBe(120);
    expect(fromPublished(published, new Date(), 900).quoteReplySeconds).toBe(120);
    expect(fromPublished({ ...published, quoteReplySeconds: 0 }, new Date(), 900).quoteReplySeconds).toBe(
      900,
    );
    expect(defaultOneStopPolicy({ quoteReplySeconds: 30 }).quoteReplySeconds).toBe(30);
    expect(defaultOneStopPolicy({}).quoteReplySeconds).toBe(3600);
  });

  it('dates a publication without a time by its arrival', () => {
    const received = new Date('2026-05-02T00:00:00.000Z');
    expect(fromPublished({ ...toPublished(policy), updatedAt: undefined }, received).updatedAt).toEqual(
      received,
    );
  });

  it('reads a stored version in canonical order', () => {
    const row = { ...policy, slas: [...policy.slas].reverse(), updatedAt: policy.updatedAt! };
    expect(policyOfRow(row)).toEqual(policy);
  });
});
