import { createRng, type Rng } from '../seed/prng';
import { instantInMonth } from './load-months';
import { GroundTruth } from './ground-truth';
import { drawAmount, drawCustomerScale } from './usage-profiles';

/**
 * `rest` and `kafka`: the city's doors, events keyed by customer id. `province` and
 * `province-kafka`: the province-wide doors (REST at the province, the province's topic), the same
 * events keyed by the billing system's account number, routed by the province to the city.
 */
export type Door = 'rest' | 'kafka' | 'province' | 'province-kafka';
/** `both`: each customer's events go through one city door; re-sent copies through either. */
export type DoorChoice = Door | 'both';
export const DOOR_CHOICES: readonly DoorChoice[] = ['rest', 'kafka', 'both', 'province', 'province-kafka'];

/** Whether the door takes events by billing account at the province. */
export function isProvinceDoor(door: DoorChoice): door is 'province' | 'province-kafka' {
  return door === 'province' || door === 'province-kafka';
}

/**
 * A usage event as billing systems send it (every door carries the same fields). The customer
 * is always known to the plan (the truth is per customer); a province door sends the customer's
 * billing account instead.
 */
export interface LoadEvent {
  eventId: string;
  customerId: string;
  /** Set on the events of a province door: the account the customer holds for the load's source. */
  billingAccount?: string;
  product: string;
  billingMonth: string;
  occurredAt: string;
  amountFen: bigint;
  quantity: string;
  unit: string;
  supersedes?: string;
}

/** One request (REST) or one produce call (Kafka) of one city's events. */
export interface PlannedSend {
  /** Position in the city's sends, from 0. */
  index: number;
  door: Door;
  events: LoadEvent[];
  /**
   * Earlier sends of the same city that must be answered before this one goes (REST): they hold
   * the originals this send's corrections replace. Over Kafka the customer key keeps that order.
   */
  after: number[];
}

export interface CityLoad {
  code: string;
  /** The city's province: the node whose door takes the city's events on a province door. */
  province: string;
  sends: PlannedSend[];
}

export interface PlanCounts {
  /** Every event sent, copies included. */
  events: number;
  originals: number;
  corrections: number;
  duplicates: number;
  /** Events for a month earlier than the months already being sent. */
  late: number;
  adjustments: number;
}

export interface LoadPlan {
  cities: CityLoad[];
  counts: PlanCounts;
  truth: GroundTruth;
}

export interface LoadPlanInput {
  seed: string;
  source: string;
  door: DoorChoice;
  cities: readonly PlannedCity[];
  products: readonly string[];
  /** Ascending. */
  months: readonly string[];
  /** Events sent in all, over all cities (copies and corrections included). */
  events: number;
  /** Shares in [0, 1]. */
  duplicates: number;
  corrections: number;
  late: number;
  batch: number;
  now: Date;
}

export interface PlannedCity {
  code: string;
  province: string;
  customers: readonly string[];
  /** Customer id → billing account number of the load's source; required on a province door. */
  accounts?: ReadonlyMap<string, string>;
}

/** Recent events are re-sent more often than old ones, as a retrying billing system does. */
const RECENT_WINDOW = 2000;

/**
 * The whole load as data, a pure function of its input: the same seed, customers and options
 * give the same events, ids, batches and truth. Months advance with the stream; a late event
 * belongs to an earlier month than the one being sent. Corrections replace an event in force
 * (same customer, product and month, another amount); duplicates re-send an event unchanged.
 */
export function planLoad(input: LoadPlanInput): LoadPlan {
  if (input.products.length === 0) throw new RangeError('no products to bill');
  if (input.months.length === 0) throw new RangeError('no months to bill');
  const truth = new GroundTruth({
    seed: input.seed,
    source: input.source,
    door: input.door,
    from: input.months[0]!,
    to: input.months.at(-1)!,
    generatedAt: input.now.toISOString(),
  });
  const counts: PlanCounts = {
    events: 0,
    originals: 0,
    corrections: 0,
    duplicates: 0,
    late: 0,
    adjustments: 0,
  };
  const root = createRng(input.seed);
  const tag = idTag(input.seed);
  const perCity = Math.floor(input.events / Math.max(1, input.cities.length));
  const cities = input.cities.map((city, i) => {
    truth.addCity(city.code, city.province);
    const n = perCity + (i < input.events % Math.max(1, input.cities.length) ? 1 : 0);
    return {
      code: city.code,
      province: city.province,
      sends: planCity(root.fork(`city:${city.code}`), input, city, n, `${tag}-${city.code}`, truth, counts),
    };
  });
  return { cities, counts, truth };
}

interface CustomerProfile {
  id: string;
  products: string[];
  scale: number;
  door: Door;
}

interface Sent {
  event: LoadEvent;
  /** The send that carried it first. */
  send: number;
}

function planCity(
  rng: Rng,
  input: LoadPlanInput,
  city: PlannedCity,
  n: number,
  idPrefix: string,
  truth: GroundTruth,
  counts: PlanCounts,
): PlannedSend[] {
  if (city.customers.length === 0) throw new RangeError(`city ${city.code} has no customers to bill`);
  const byAccount = isProvinceDoor(input.door) ? accountsOf(city) : undefined;
  const customers = city.customers.map((id, i) =>
    customerProfile(createRng(`${input.seed}/customer:${id}`), id, i, input),
  );
  const byId = new Map(customers.map((c) => [c.id, c]));
  const pickCustomer = weightedPicker(rng.fork('weights'), customers.length);
  const sent: Sent[] = [];
  /** Events in force that a correction may replace: ids in an array for O(1) random picks. */
  const inForce: Sent[] = [];
  const inForcePos = new Map<string, number>();
  const takeInForce = (i: number): Sent => {
    const s = inForce[i]!;
    const last = inForce.pop()!;
    if (i < inForce.length) {
      inForce[i] = last;
      inForcePos.set(last.event.eventId, i);
    }
    inForcePos.delete(s.event.eventId);
    return s;
  };
  const putInForce = (s: Sent): void => {
    inForcePos.set(s.event.eventId, inForce.length);
    inForce.push(s);
  };

  const batcher = new Batcher(input.batch);
  const months = input.months;
  for (let i = 0; i < n; i++) {
    const roll = rng.next();
    let door: Door;
    let event: LoadEvent;
    if (roll < input.duplicates && sent.length > 0) {
      const recent = rng.chance(0.8) ? Math.max(0, sent.length - RECENT_WINDOW) : 0;
      const copied = sent[rng.int(recent, sent.length - 1)]!;
      event = copied.event;
      // A copy of a correction needs its original in force, so it keeps to its customer's door
      // and waits for the send of the correction; a copy of a new event may take either door.
      const own = byId.get(event.customerId)!.door;
      door = input.door === 'both' && !event.supersedes ? rng.pick(['rest', 'kafka'] as const) : own;
      counts.duplicates++;
      batcher.add(door, event, door === own ? copied.send : undefined);
    } else if (roll < input.duplicates + input.corrections && inForce.length > 0) {
      const target = takeInForce(rng.int(0, inForce.length - 1));
      const customer = byId.get(target.event.customerId)!;
      const drawn = drawAmount(rng, target.event.product, customer.scale);
      event = {
        ...target.event,
        eventId: `${idPrefix}-${i.toString(36)}`,
        amountFen: drawn.amountFen,
        quantity: drawn.quantity,
        supersedes: target.event.eventId,
      };
      door = customer.door;
      truth.apply(city.code, target.event, -1);
      truth.apply(city.code, event, 1);
      counts.corrections++;
      const send = batcher.add(door, event, target.send);
      const s = { event, send };
      sent.push(s);
      putInForce(s);
    } else {
      const customer = customers[pickCustomer()]!;
      const current = Math.min(months.length - 1, Math.floor((i * months.length) / Math.max(1, n)));
      let month = months[current]!;
      if (current > 0 && rng.chance(input.late)) {
        month = months[rng.int(0, current - 1)]!;
        counts.late++;
      }
      const product = rng.pick(customer.products);
      const drawn = drawAmount(rng, product, customer.scale);
      if (drawn.amountFen < 0n) counts.adjustments++;
      event = {
        eventId: `${idPrefix}-${i.toString(36)}`,
        customerId: customer.id,
        product,
        billingMonth: month,
        occurredAt: instantInMonth(month, rng.int(1, 28), rng.int(0, 86_399), input.now),
        amountFen: drawn.amountFen,
        quantity: drawn.quantity,
        unit: drawn.unit,
        ...(byAccount ? { billingAccount: byAccount.get(customer.id)! } : {}),
      };
      door = customer.door;
      truth.apply(city.code, event, 1);
      counts.originals++;
      const send = batcher.add(door, event);
      const s = { event, send };
      sent.push(s);
      putInForce(s);
    }
    counts.events++;
  }
  return batcher.finish();
}

/** The customers' accounts: one per customer, never shared (an account has one holder a month). */
function accountsOf(city: PlannedCity): ReadonlyMap<string, string> {
  const accounts = city.accounts ?? new Map<string, string>();
  const missing = city.customers.filter((c) => !accounts.get(c));
  if (missing.length > 0) {
    throw new RangeError(
      `city ${city.code}: no billing account for customer(s) ${missing.slice(0, 3).join(', ')}`,
    );
  }
  const numbers = city.customers.map((c) => accounts.get(c)!);
  if (new Set(numbers).size !== numbers.length) {
    throw new RangeError(`city ${city.code}: two customers share a billing account`);
  }
  return accounts;
}

function customerProfile(rng: Rng, id: string, index: number, input: LoadPlanInput): CustomerProfile {
  const count = rng.int(1, Math.min(3, input.products.length));
  return {
    id,
    products: rng.sample(input.products, count),
    scale: drawCustomerScale(rng),
    door: input.door === 'both' ? (index % 2 === 0 ? 'rest' : 'kafka') : input.door,
  };
}

/** Picks customer indexes with Zipf-like weights: a few customers carry much of the traffic. */
function weightedPicker(rng: Rng, n: number): () => number {
  const order = rng.sample(
    Array.from({ length: n }, (_, i) => i),
    n,
  );
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 0; rank < n; rank++) {
    total += 1 / (rank + 1) ** 0.7;
    cumulative.push(total);
  }
  return () => {
    const x = rng.next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return order[lo]!;
  };
}

/** Cuts the stream into sends of at most `size` events per door, in the order they fill up. */
class Batcher {
  private readonly done: PlannedSend[] = [];
  private readonly open = new Map<Door, { events: LoadEvent[]; after: Set<number>; index: number }>();
  private next = 0;

  constructor(private readonly size: number) {}

  /** Adds `event`; returns the index of the send that carries it. */
  add(door: Door, event: LoadEvent, after?: number): number {
    let current = this.open.get(door);
    if (!current) {
      current = { events: [], after: new Set(), index: this.next++ };
      this.open.set(door, current);
    }
    current.events.push(event);
    if (after !== undefined && after !== current.index) current.after.add(after);
    const index = current.index;
    if (current.events.length >= this.size) this.close(door);
    return index;
  }

  finish(): PlannedSend[] {
    for (const door of [...this.open.keys()]) this.close(door);
    return this.done.sort((a, b) => a.index - b.index);
  }

  private close(door: Door): void {
    const current = this.open.get(door);
    if (!current) return;
    this.open.delete(door);
    this.done.push({
      index: current.index,
      door,
      events: current.events,
      after: [...current.after].sort((a, b) => a - b),
    });
  }
}

/** A short tag of the seed, so that loads with different seeds never share an event id. */
export function idTag(seed: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return `L${(hash >>> 0).toString(36)}`;
}
