import { ConsoleLogger, Logger } from '@nestjs/common';
import type { OutboxWriter } from '@kaf/messaging';
import { MetricsRegistry } from '@kaf/observability';
import type { DataSource, EntityManager } from 'typeorm';
import type { CellPlace, OutgoingCell } from '../figure-cell';
import { UpwardFiguresMetrics } from '../upward-figures.metrics';
import { SourceRound } from './figures-reporter';
import { FigureCellError, type FiguresSource, type ReportingPace } from './figures-source';

const place = (n: number): CellPlace => ({ cityCode: '440300', billingMonth: '2026-05', key: `k${n}` });
const cellAt = (p: CellPlace): OutgoingCell => ({
  ...p,
  version: 1n,
  changedAt: new Date(0),
  body: new Uint8Array(),
});

/**
 * A source over numbered cells, some of which fail when taken; takes one cell per call in order,
 * passing over the held ones, as a deriving source would.
 */
class NumberedSource implements FiguresSource {
  readonly measure = { name: 'test-measure', totals: ['amountFen'] };
  readonly resyncOfAllMonths = false;
  readonly skips: string[][] = [];
  readonly taken: number[] = [];

  constructor(
    readonly pace: ReportingPace,
    private readonly waitingCells: number[],
    private readonly failing: Set<number>,
  ) {}

  waiting(): Promise<number> {
    return Promise.resolve(this.waitingCells.length);
  }

  take(_tx: EntityManager, _limit: number, skip: readonly CellPlace[]): Promise<OutgoingCell[]> {
    const held = new Set(skip.map((p) => p.key));
    this.skips.push([...held].sort());
    const next = this.waitingCells.find((n) => !held.has(place(n).key));
    if (next === undefined) return Promise.resolve([]);
    if (this.failing.has(next)) return Promise.reject(new FigureCellError(place(next), new Error('boom')));
    this.waitingCells.splice(this.waitingCells.indexOf(next), 1);
    this.taken.push(next);
    return Promise.resolve([cellAt(place(next))]);
  }

  resend(): Promise<number> {
    return Promise.resolve(0);
  }

  totals(): Promise<never[]> {
    return Promise.resolve([]);
  }
}

const pace = (cellsPerRound: number): ReportingPace => ({
  intervalMs: 0,
  sendAtOnce: 1,
  cellsPerMessage: 1,
  cellsPerTransaction: 1,
  cellsPerRound,
});

function roundOf(source: NumberedSource) {
  const written: unknown[] = [];
  const dataSource = {
    manager: {},
    transaction: (_isolation: string, work: (tx: EntityManager) => Promise<unknown>) =>
      work({} as EntityManager),
  } as unknown as DataSource;
  const outbox = {
    writeMany: (_tx: EntityManager, messages: unknown[]) => {
      written.push(...messages);
      return Promise.resolve([]);
    },
  } as unknown as OutboxWriter;
  const round = new SourceRound(
    source,
    '440000',
    '440300',
    dataSource,
    outbox,
    new UpwardFiguresMetrics(new MetricsRegistry()),
  );
  round.start();
  return { round, written };
}

describe('a report round', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterAll(() => {
    Logger.overrideLogger(new ConsoleLogger());
  });
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends every waiting cell, one message each here', async () => {
    const source = new NumberedSource(pace(100), [1, 2, 3], new Set());
    const { round, written } = roundOf(source);
    await round.round();
    expect(source.taken).toEqual([1, 2, 3]);
    expect(written).toHaveLength(3);
    await round.stop();
  });

  it('holds a failing cell back and sends the others; the held cell is passed over next round', async () => {
    const source = new NumberedSource(pace(100), [1, 2, 3], new Set([2]));
    const { round } = roundOf(source);
    await round.round();
    expect(source.taken).toEqual([1, 3]);
    await round.round();
    expect(source.skips.at(-1)).toEqual(['k2']);
    expect(source.taken).toEqual([1, 3]);
    await round.stop();
  });

  it('tries at most cellsPerRound cells, failures included; the rest waits for the next round', async () => {
    const source = new NumberedSource(pace(2), [1, 2, 3, 4], new Set([1]));
    const { round } = roundOf(source);
    await round.round();
    expect(source.taken).toEqual([2]);
    await round.round();
    expect(source.taken).toEqual([2, 3, 4]);
    await round.stop();
  });

  it('ends the round after three failing cells in a row, a cause they likely share', async () => {
    const source = new NumberedSource(pace(100), [1, 2, 3, 4, 5], new Set([1, 2, 3, 4]));
    const { round } = roundOf(source);
    await round.round();
    expect(source.skips).toHaveLength(3);
    expect(source.taken).toEqual([]);
    await round.stop();
  });
});
