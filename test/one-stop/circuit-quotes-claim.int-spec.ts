import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { ESCALATIONS_ENTITIES, ESCALATIONS_MIGRATIONS } from '@kaf/escalations';
import { ONE_STOP_ENTITIES, ONE_STOP_MIGRATIONS } from '@kaf/one-stop';
import { CircuitQuotes } from '@kaf/one-stop/testing';
import { DomainError, httpStatusOf } from '@kaf/platform';
import {
  backendPid,
  createTestDatabase,
  type TestDatabase,
  waitUntilBlockedBy,
} from '../support/test-database';

/**
 * `CircuitQuotes.claimAccepted`, as the circuit orders call it in their own transaction, against a
 * real PostgreSQL database: only an accepted, unexpired, unordered quote of the same customer is
 * taken, once, and a claim that rolls back with its order leaves the quote as it was.
 */
describe('claiming an accepted quote for an order', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const quotes = new CircuitQuotes();
  const customerId = randomUUID();

  beforeAll(async () => {
    // One-stop's segments escalate through @kaf/escalations, whose tables its migrations fill.
    db = await createTestDatabase('quotes', {
      entities: [...ESCALATIONS_ENTITIES, ...ONE_STOP_ENTITIES],
      migrations: [...ESCALATIONS_MIGRATIONS, ...ONE_STOP_MIGRATIONS],
    });
    dataSource = db.dataSource;
  }, 60_000);

  afterAll(() => db?.dispose());

  /** A quote in `state`, valid for `validMs` more (negative: expired), priced 1,300,000 / 1,050,000 fen. */
  async function aQuote(state: string, validMs = 86_400_000, owner = customerId): Promise<string> {
    const id = randomUUID();
    const priced = state !== 'requested' && state !== 'infeasible';
    await dataSource.query(
      `INSERT INTO circuit_quote
         (id, city_code, customer_id, product, bandwidth_mbps, a_end_node, z_end_node, state,
          one_time_total_fen, monthly_total_fen, valid_until, requested_by, version)
       VALUES ($1, '440300', $2, 'mpls_vpn', 100, '440300', '330100', $3, $4, $5, $6, 'E440300-001', 1)`,
      [
        id,
        owner,
        state,
        priced ? '1300000' : null,
        priced ? '1050000' : null,
        priced ? new Date(Date.now() + validMs) : null,
      ],
    );
    return id;
  }

  const claim = (quoteId: string, orderId: string, owner = customerId) =>
    dataSource.transaction((tx) => quotes.claimAccepted(tx, quoteId, owner, orderId));

  /** Status and detail of the problem a claim is refused with. */
  const refusal = (quoteId: string, orderId = randomUUID(), owner = customerId) =>
    claim(quoteId, orderId, owner).then(
      () => {
        throw new Error(`quote ${quoteId} was claimed`);
      },
      (error: unknown) => {
        if (!(error instanceof DomainError)) throw error;
        return { status: httpStatusOf(error), detail: error.message };
      },
    );

  const row = async (id: string) =>
    (
      await dataSource.query<{ state: string; order_id: string | null; ordered_at: Date | null }[]>(
        'SELECT state, order_id, ordered_at FROM circuit_quote WHERE id = $1',
        [id],
      )
    )[0]!;

  it('takes an accepted quote for the order, once, with its charges in fen', async () => {
    const id = await aQuote('accepted');
    const orderId = randomUUID();
    expect(await claim(id, orderId)).toEqual({
      quoteId: id,
      customerId,
      action: 'add',
      circuitId: null,
      product: 'mpls_vpn',
      bandwidthMbps: 100,
      aEndNode: '440300',
      zEndNode: '330100',
      oneTimeChargeFen: 1_300_000n,
      monthlyChargeFen: 1_050_000n,
    });
    expect(await row(id)).toMatchObject({
      state: 'ordered',
      order_id: orderId,
      ordered_at: expect.any(Date),
    });
    // The same order again (a retried step) gets the same quote; another order is refused.
    expect((await claim(id, orderId)).monthlyChargeFen).toBe(1_050_000n);
    expect(await refusal(id)).toEqual({
      status: 409,
      detail: `quoteId: circuit quote ${id} was already ordered by order ${orderId}`,
    });
  });

  it('says which circuit a modify quote priced a change of, for the order to check', async () => {
    const id = await aQuote('accepted');
    const circuitId = randomUUID();
    await dataSource.query(`UPDATE circuit_quote SET action = 'modify', circuit_id = $2 WHERE id = $1`, [
      id,
      circuitId,
    ]);
    expect(await claim(id, randomUUID())).toMatchObject({ quoteId: id, action: 'modify', circuitId });
  });

  it('reports an unknown quote, or another customer’s, as not found', async () => {
    const theirs = await aQuote('accepted', 86_400_000, randomUUID());
    for (const id of [randomUUID(), 'not-a-uuid', theirs]) {
      const res = await refusal(id);
      expect([id, res.status, res.detail]).toEqual([id, 404, expect.stringMatching(/^quoteId: /)]);
    }
    expect((await row(theirs)).state).toBe('accepted');
  });

  it('refuses a quote that is not accepted, or has expired, naming the state', async () => {
    for (const state of ['requested', 'quoted', 'infeasible']) {
      const id = await aQuote(state);
      expect(await refusal(id)).toEqual({
        status: 409,
        detail: `quoteId: circuit quote ${id} is ${state}; only an accepted quote can be ordered`,
      });
      expect((await row(id)).state).toBe(state);
    }
    const expired = await aQuote('accepted', -1000);
    expect(await refusal(expired)).toEqual({
      status: 409,
      detail: expect.stringMatching(/^quoteId: .* expired at /),
    });
    expect((await row(expired)).state).toBe('accepted');
  });

  it('lets one of two orders claiming together have it, and leaves it accepted when the order rolls back', async () => {
    const id = await aQuote('accepted');
    const first = randomUUID();
    // The first order holds the quote's lock while it does the rest of its work: until the second
    // is seen waiting for that lock.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: (pid: number) => void;
    const holder = new Promise<number>((resolve) => (locked = resolve));
    const holding = dataSource.transaction(async (tx) => {
      const taken = await quotes.claimAccepted(tx, id, customerId, first);
      locked(await backendPid(tx));
      await released;
      return taken;
    });
    const holderPid = await Promise.race([
      holder,
      holding.then(() =>
        Promise.reject(new Error('the first claim ended before it was seen holding the lock')),
      ),
    ]);
    const second = refusal(id);
    await waitUntilBlockedBy(db, holderPid, 'the second claim to wait for the first').finally(release);
    expect((await holding).quoteId).toBe(id);
    expect(await second).toEqual({
      status: 409,
      detail: `quoteId: circuit quote ${id} was already ordered by order ${first}`,
    });

    const other = await aQuote('accepted');
    await expect(
      dataSource.transaction(async (tx) => {
        await quotes.claimAccepted(tx, other, customerId, randomUUID());
        throw new Error('the order could not be recorded');
      }),
    ).rejects.toThrow('the order could not be recorded');
    expect(await row(other)).toEqual({ state: 'accepted', order_id: null, ordered_at: null });
  });
});
