import { toKafkaRecords, toRestEvent } from './cloud-event';
import { GroundTruth } from './ground-truth';
import { type LoadEvent, type LoadPlanInput, type PlannedSend, planLoad } from './load-plan';
const NOW = new Date('2026-05-20T04:00:00Z');
const customers = (city: string, n: number): string[] =>
  Array.from(
    { length: n },
    (_, i) => `${city.slice(0, 4)}0000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  );

const input = (overrides: Partial<LoadPlanInput> = {}): LoadPlanInput => ({
  seed: 'spec',
  source: 'boss',
  door: 'rest',
  cities: [
    { code: '440300', province: '440000', customers: customers('440300', 20) },
    { code: '330100', province: '330000', customers: customers('330100', 7) },
  ],
  products: ['sd_wan', 'iot', 'cloud', 'idc'],
  months: ['2026-03', '2026-04', '2026-05'],
  events: 5001,
  duplicates: 0.05,
  corrections: 0.03,
  late: 0.1,
  batch: 100,
  now: NOW,
  ...overrides,
});

interface Cell {
  revenueFen: bigint;
  eventCount: number;
}

/**
 * The city ledger's rules replayed over the sends in order: a known id is a duplicate, a
 * correction must name an event in force and takes it out. Returns the cells, or throws on an
 * event the ledger would reject.
 */
function replay(sends: readonly PlannedSend[]): Map<string, Cell> {
  const ledger = new Map<string, { event: LoadEvent; inForce: boolean }>();
  const cells = new Map<string, Cell>();
  const add = (e: LoadEvent, sign: 1 | -1): void => {
    const key = `${e.customerId}|${e.product}|${e.billingMonth}`;
    const cell = cells.get(key) ?? { revenueFen: 0n, eventCount: 0 };
    cell.revenueFen += BigInt(sign) * e.amountFen;
    cell.eventCount += sign;
    cells.set(key, cell);
  };
  for (const send of sends) {
    for (const e of send.events) {
      const known = ledger.get(e.eventId);
      if (known) {
        expect(known.event).toEqual(e); // a duplicate is an identical copy
        continue;
      }
      if (e.supersedes) {
        const original = ledger.get(e.supersedes);
        if (!original?.inForce)
          throw new Error(`${e.eventId} corrects ${e.supersedes}, which is not in force`);
        original.inForce = false;
        add(original.event, -1);
      }
      ledger.set(e.eventId, { event: e, inForce: true });
      add(e, 1);
    }
  }
  for (const [key, c] of cells) if (c.eventCount === 0) cells.delete(key);
  return cells;
}

function truthCells(truth: GroundTruth, city: string): Map<string, Cell> {
  return new Map(
    truth
      .cells(city)
      .map((c) => [
        `${c.customerId}|${c.product}|${c.month}`,
        { revenueFen: c.revenueFen, eventCount: c.eventCount },
      ]),
  );
}

describe('planLoad', () => {
  it('is a function of its input', () => {
    const a = planLoad(input());
    const b = planLoad(input());
    expect(b.cities).toEqual(a.cities);
    expect(b.truth.toJSON()).toEqual(a.truth.toJSON());
    expect(planLoad(input({ seed: 'other' })).cities[0]!.sends[0]!.events[0]!.eventId).not.toBe(
      a.cities[0]!.sends[0]!.events[0]!.eventId,
    );
  });

  it('sends exactly the events asked for, split over the cities, with the asked shares', () => {
    const { cities, counts } = planLoad(input());
    const sent = cities.map((c) => c.sends.reduce((n, s) => n + s.events.length, 0));
    expect(sent).toEqual([2501, 2500]);
    expect(counts.events).toBe(5001);
    expect(counts.originals + counts.corrections + counts.duplicates).toBe(5001);
    expect(counts.duplicates / 5001).toBeGreaterThan(0.035);
    expect(counts.duplicates / 5001).toBeLessThan(0.065);
    expect(counts.corrections / 5001).toBeGreaterThan(0.02);
    expect(counts.corrections / 5001).toBeLessThan(0.04);
    expect(counts.late).toBeGreaterThan(0);
    expect(counts.adjustments).toBeGreaterThan(0);
    for (const city of cities) {
      expect(city.sends.length).toBeGreaterThan(0);
      expect(city.sends.filter((s) => s.events.length > 100)).toEqual([]);
      expect(city.sends.map((s) => s.index)).toEqual(city.sends.map((_, i) => i));
    }
  });

  it('has a truth equal to the ledger rules replayed over the sends, to the fen', () => {
    const plan = planLoad(input());
    for (const city of plan.cities) {
      const replayed = replay(city.sends);
      expect(truthCells(plan.truth, city.code)).toEqual(replayed);
      expect(replayed.size).toBeGreaterThan(20);
    }
  });

  it('makes a REST send wait for the sends holding the originals it corrects', () => {
    const plan = planLoad(input({ door: 'rest', corrections: 0.2, duplicates: 0.1, batch: 50 }));
    for (const city of plan.cities) {
      const firstSend = new Map<string, number>();
      /** Whether send `from` waits, directly or through others, for send `to`. */
      const waitsFor = (from: number, to: number): boolean =>
        from === to || city.sends[from]!.after.some((a) => a >= to && waitsFor(a, to));
      let checked = 0;
      for (const send of city.sends) {
        for (const e of send.events) {
          if (!firstSend.has(e.eventId)) firstSend.set(e.eventId, send.index);
          if (!e.supersedes) continue;
          const original = firstSend.get(e.supersedes)!;
          expect(original).toBeLessThanOrEqual(send.index);
          expect(waitsFor(send.index, original)).toBe(true);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(300);
    }
  });

  it('sends late events: months earlier than a month already sent', () => {
    const plan = planLoad(input({ duplicates: 0, corrections: 0 }));
    const stream = plan.cities[0]!.sends.flatMap((s) => s.events);
    let latest = '';
    let late = 0;
    for (const e of stream) {
      if (e.billingMonth < latest) late++;
      if (e.billingMonth > latest) latest = e.billingMonth;
    }
    expect(late).toBeGreaterThan(50);
    expect(new Set(stream.map((e) => e.billingMonth))).toEqual(new Set(['2026-03', '2026-04', '2026-05']));
    // This month's events never happen after now.
    const thisMonth = stream.filter((e) => e.billingMonth === '2026-05');
    expect(thisMonth.length).toBeGreaterThan(0);
    expect(thisMonth.filter((e) => Date.parse(e.occurredAt) > NOW.getTime())).toEqual([]);
  });

  it('keeps each customer on one door when both doors are used; corrections follow their customer', () => {
    const plan = planLoad(input({ door: 'both' }));
    const doors = new Map<string, Set<string>>();
    for (const send of plan.cities[0]!.sends) {
      const ids = new Set<string>();
      for (const e of send.events) {
        if (ids.has(e.eventId)) continue;
        ids.add(e.eventId);
      }
      for (const e of send.events.filter((x) => !x.supersedes)) {
        const set = doors.get(e.customerId) ?? new Set();
        set.add(send.door);
        doors.set(e.customerId, set);
      }
    }
    expect(new Set(plan.cities[0]!.sends.map((s) => s.door))).toEqual(new Set(['rest', 'kafka']));
    // Replayed in plan order the ledger accepts every correction (the Kafka key keeps the rest).
    expect(truthCells(plan.truth, '440300')).toEqual(replay(plan.cities[0]!.sends));
  });

  it('bills only the customers and products it was given, in integer fen', () => {
    const plan = planLoad(input());
    const known = new Set(input().cities.flatMap((c) => c.customers));
    for (const e of plan.cities.flatMap((c) => c.sends.flatMap((s) => s.events))) {
      expect(known.has(e.customerId)).toBe(true);
      expect(['sd_wan', 'iot', 'cloud', 'idc']).toContain(e.product);
      expect(typeof e.amountFen).toBe('bigint');
      expect(e.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(e.occurredAt.slice(0, 7)).toBe(e.billingMonth);
      expect(e.eventId.length).toBeLessThanOrEqual(128);
    }
  });
});

describe('planLoad through a province door', () => {
  /** Each city's customers with an account each: `<city>-<n>`. */
  const withAccounts = (overrides: Partial<LoadPlanInput> = {}): LoadPlanInput => {
    const base = input(overrides);
    return {
      ...base,
      cities: base.cities.map((c) => ({
        ...c,
        accounts: new Map(c.customers.map((id, i) => [id, `${c.code}-${i}`])),
      })),
    };
  };
  const without = (e: LoadEvent): LoadEvent => {
    const { billingAccount: _, ...rest } = e;
    return rest;
  };

  it.each(['province', 'province-kafka'] as const)(
    "%s: sends the city door's events, each naming its customer's account, with the same truth",
    (door) => {
      const city = planLoad(input({ door: 'rest' }));
      const plan = planLoad(withAccounts({ door }));
      const accounts = withAccounts().cities.map((c) => c.accounts!);
      const events = plan.cities.map((c) => c.sends.flatMap((s) => s.events));
      expect(events.flat().length).toBe(5001);
      expect(events.map((list) => list.map(without))).toEqual(
        city.cities.map((c) => c.sends.flatMap((s) => s.events)),
      );
      expect(
        events.flatMap((list, i) => list.filter((e) => e.billingAccount !== accounts[i]!.get(e.customerId))),
      ).toEqual([]);
      expect(plan.cities.flatMap((c) => c.sends.filter((s) => s.door !== door))).toEqual([]);
      expect(plan.truth.toJSON().cities).toEqual(city.truth.toJSON().cities);
      expect(plan.cities.map((c) => c.province)).toEqual(['440000', '330000']);
    },
  );

  it('refuses a customer without an account, or two customers sharing one', () => {
    const base = withAccounts({ door: 'province' });
    const [first, ...rest] = base.cities;
    const missing = new Map(first!.accounts);
    missing.delete(first!.customers.at(3)!);
    expect(() => planLoad({ ...base, cities: [{ ...first!, accounts: missing }, ...rest] })).toThrow(
      /440300: no billing account for customer/,
    );
    const shared = new Map(first!.accounts);
    shared.set(first!.customers.at(3)!, first!.accounts!.get(first!.customers[4]!)!);
    expect(() => planLoad({ ...base, cities: [{ ...first!, accounts: shared }, ...rest] })).toThrow(
      /440300: two customers share a billing account/,
    );
  });

  it('keys events by account on the wire: REST bodies name the account, not the customer; Kafka records are keyed by it', () => {
    const plan = planLoad(withAccounts({ door: 'province-kafka', batch: 200 }));
    const send = plan.cities[0]!.sends[0]!;
    const bodies = send.events.map(toRestEvent);
    expect(bodies.length).toBeGreaterThan(0);
    expect(bodies.filter((b) => 'customerId' in b || !b.billingAccount)).toEqual([]);
    const records = toKafkaRecords(send.events, 'boss');
    const keys = new Set(send.events.map((e) => e.billingAccount));
    expect(new Set(records.map((r) => r.key))).toEqual(keys);
    const carried = records.flatMap((r) => {
      const value = JSON.parse(r.value) as unknown;
      const list = (Array.isArray(value) ? value : [value]) as { data: Record<string, string> }[];
      return list.map((ce) => ({ key: r.key, data: ce.data }));
    });
    expect(carried.length).toBe(send.events.length);
    expect(carried.filter((c) => c.data.billingAccount !== c.key || 'customerId' in c.data)).toEqual([]);
    // A city door still keys by customer.
    const cityBodies = planLoad(input()).cities[0]!.sends[0]!.events.map(toRestEvent);
    expect(cityBodies.filter((b) => !b.customerId || 'billingAccount' in b)).toEqual([]);
  });
});

describe('GroundTruth', () => {
  it('survives its file format and adds up across loads', () => {
    const a = planLoad(input()).truth;
    const parsed = GroundTruth.parse(JSON.parse(JSON.stringify(a.toJSON())));
    expect(parsed.toJSON()).toEqual(a.toJSON());

    const b = planLoad(input({ seed: 'second', months: ['2026-05'] })).truth;
    const merged = GroundTruth.merge([a, b]);
    const total = (t: GroundTruth): bigint =>
      t
        .cityCodes()
        .reduce((sum, c) => sum + [...t.cityMonths(c).values()].reduce((s, m) => s + m.revenueFen, 0n), 0n);
    expect(total(merged)).toBe(total(a) + total(b));
    expect(merged.cityMonths('440300').get('2026-05')!.eventCount).toBe(
      a.cityMonths('440300').get('2026-05')!.eventCount + b.cityMonths('440300').get('2026-05')!.eventCount,
    );
    expect(merged.meta).toMatchObject({ from: '2026-03', to: '2026-05' });
  });

  it('writes totals per city and month that equal the sum of its cells', () => {
    const file = planLoad(input()).truth.toJSON();
    for (const city of file.cities) {
      for (const m of city.months) {
        const cells = city.cells.filter((c) => c.month === m.month);
        expect(m.revenueFen).toBe(cells.reduce((s, c) => s + BigInt(c.revenueFen), 0n).toString());
        expect(m.eventCount).toBe(cells.reduce((s, c) => s + c.eventCount, 0));
      }
    }
  });
});
