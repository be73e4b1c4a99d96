import type { CityLoad, LoadPlan, PlannedSend } from './load-plan';
import { LoadProgress, type ProgressSink } from './load-progress';
import { type KafkaUsageProducer, type RestCity, type SendOutcome, sendRest } from './usage-doors';

export interface LoadRunOptions {
  /** Events per second over all cities; 0 sends as fast as the doors take them. */
  rate: number;
  /** REST requests in flight per city. */
  concurrency: number;
  /** Every city of the plan, reachable over REST with the load's billing_system token. */
  cities: ReadonlyMap<string, RestCity>;
  /**
   * The provinces of the plan's cities, with a token bound to the province: needed when the plan
   * sends through the province's REST door.
   */
  provinces?: ReadonlyMap<string, RestCity>;
  /** Needed when the plan sends through a Kafka door (a city's or a province's topic). */
  kafka?: KafkaUsageProducer;
  progress?: ProgressSink;
}

export interface DoorTally {
  events: number;
  calls: number;
  accepted: number;
  duplicates: number;
  rejected: number;
}

export interface LoadSummary {
  sent: number;
  rest: DoorTally;
  kafka: DoorTally;
  /** The province's REST door: `accepted` counts the events it routed. */
  province: DoorTally;
  provinceKafka: DoorTally;
  /** Why events were rejected (first few). */
  reasons: string[];
  elapsedMs: number;
  eventsPerSecond: number;
}

const MAX_REASONS = 20;

/**
 * Sends the plan: every city at once, each city's sends in plan order. REST sends run up to
 * `concurrency` at a time per city, a send waiting for the sends whose originals it corrects;
 * Kafka sends go one after the other per city, so that records of one customer keep their
 * order. On a province door a city's sends go to its province (REST or the province's topic).
 */
export async function runLoad(plan: LoadPlan, options: LoadRunOptions): Promise<LoadSummary> {
  const doors = new Set(plan.cities.flatMap((c) => c.sends.map((s) => s.door)));
  if ((doors.has('kafka') || doors.has('province-kafka')) && !options.kafka) {
    throw new Error('the plan sends through a Kafka door but no producer was given');
  }
  const empty = (): DoorTally => ({ events: 0, calls: 0, accepted: 0, duplicates: 0, rejected: 0 });
  const summary: LoadSummary = {
    sent: 0,
    rest: empty(),
    kafka: empty(),
    province: empty(),
    provinceKafka: empty(),
    reasons: [],
    elapsedMs: 0,
    eventsPerSecond: 0,
  };
  const progress = new LoadProgress(plan.counts.events, options.progress);
  const limiter = new RateLimiter(options.rate);
  const started = Date.now();

  const record = (send: PlannedSend, outcome: SendOutcome): void => {
    const tally = {
      rest: summary.rest,
      kafka: summary.kafka,
      province: summary.province,
      'province-kafka': summary.provinceKafka,
    }[send.door];
    tally.events += send.events.length;
    tally.calls += outcome.attempts;
    tally.accepted += outcome.accepted;
    tally.duplicates += outcome.duplicates;
    tally.rejected += outcome.rejected;
    summary.sent += send.events.length;
    for (const r of outcome.reasons) if (summary.reasons.length < MAX_REASONS) summary.reasons.push(r);
    progress.add(send.events.length);
  };

  const runCity = async (city: CityLoad): Promise<void> => {
    const restTarget = (door: 'rest' | 'province'): RestCity => {
      const target = door === 'rest' ? options.cities.get(city.code) : options.provinces?.get(city.province);
      if (!target) throw new Error(`no REST target for city ${city.code} through door ${door}`);
      return target;
    };
    const finished = new Map<number, Promise<void>>();
    const inFlight = new Set<Promise<void>>();
    for (const send of city.sends) {
      await limiter.take(send.events.length);
      if (send.door === 'kafka' || send.door === 'province-kafka') {
        const node = send.door === 'kafka' ? city.code : city.province;
        const done = options.kafka!.send(node, send.events).then((o) => record(send, o));
        finished.set(send.index, done);
        await done;
        continue;
      }
      const rest = restTarget(send.door);
      while (inFlight.size >= options.concurrency) await Promise.race(inFlight);
      const done = (async () => {
        await Promise.all(send.after.map((i) => finished.get(i) ?? Promise.resolve()));
        record(send, await sendRest(rest, send.events));
      })();
      done.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
      finished.set(send.index, done);
      inFlight.add(done);
      void done.finally(() => inFlight.delete(done)).catch(() => undefined);
    }
    await Promise.all(finished.values());
  };

  try {
    await Promise.all(plan.cities.map(runCity));
  } finally {
    progress.finish();
  }
  summary.elapsedMs = Date.now() - started;
  summary.eventsPerSecond = summary.sent / Math.max(0.001, summary.elapsedMs / 1000);
  return summary;
}

/** Paces events to `rate` per second over everyone who takes from it (0: no pacing). */
class RateLimiter {
  private taken = 0;
  private readonly started = Date.now();

  constructor(private readonly rate: number) {}

  async take(events: number): Promise<void> {
    if (this.rate <= 0) return;
    this.taken += events;
    const due = this.started + ((this.taken - events) / this.rate) * 1000;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}
