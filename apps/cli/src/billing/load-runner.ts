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
  /** Needed when the plan sends through the Kafka door. */
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
  /** Why events were rejected (first few). */
  reasons: string[];
  elapsedMs: number;
  eventsPerSecond: number;
}

const MAX_REASONS = 20;

/**
 * Sends the plan: every city at once, each city's sends in plan order. REST sends run up to
 * `concurrency` at a time, a send waiting for the sends whose originals it corrects; Kafka sends
 * go one after the other per city, so that records of one customer keep their order.
 */
export async function runLoad(plan: LoadPlan, options: LoadRunOptions): Promise<LoadSummary> {
  if (plan.cities.some((c) => c.sends.some((s) => s.door === 'kafka')) && !options.kafka) {
    throw new Error('the plan sends through the Kafka door but no producer was given');
  }
  const empty = (): DoorTally => ({ events: 0, calls: 0, accepted: 0, duplicates: 0, rejected: 0 });
  const summary: LoadSummary = {
    sent: 0,
    rest: empty(),
    kafka: empty(),
    reasons: [],
    elapsedMs: 0,
    eventsPerSecond: 0,
  };
  const progress = new LoadProgress(plan.counts.events, options.progress);
  const limiter = new RateLimiter(options.rate);
  const started = Date.now();

  const record = (send: PlannedSend, outcome: SendOutcome): void => {
    const tally = send.door === 'rest' ? summary.rest : summary.kafka;
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
    const rest = options.cities.get(city.code);
    if (!rest) throw new Error(`no REST target for city ${city.code}`);
    const finished = new Map<number, Promise<void>>();
    const inFlight = new Set<Promise<void>>();
    for (const send of city.sends) {
      await limiter.take(send.events.length);
      if (send.door === 'kafka') {
        const done = options.kafka!.send(city.code, send.events).then((o) => record(send, o));
        finished.set(send.index, done);
        await done;
        continue;
      }
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
