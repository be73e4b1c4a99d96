import type { EntityManager } from 'typeorm';
import { TicketEvents, type TicketEvent } from '../tickets/ticket-events';
import type { TicketStatus } from '../tickets/ticket-vocabulary';
import type { TroubleTicketEntity } from '../tickets/trouble-ticket.entity';
import { FaultCheckListener } from './fault-check.listener';
import type { FaultChecksRepository } from './fault-checks.repository';
import { type FaultChecksService, roundOf } from './fault-checks.service';

const tx = {} as EntityManager;
const at = new Date('2026-12-07T10:00:00Z');

/** The listener over a service and a store that only note what they were asked. */
function setup() {
  const calls: string[] = [];
  const events = new TicketEvents();
  const checks = {
    sendRound: async (_tx: EntityManager, t: TroubleTicketEntity) => void calls.push(`round ${roundOf(t)}`),
    end: async () => void calls.push('end'),
  } as unknown as FaultChecksService;
  const store = {
    tellCoordinator: async () => void calls.push('tell'),
  } as unknown as FaultChecksRepository;
  new FaultCheckListener(events, checks, store).onModuleInit();
  const emit = async (
    kind: TicketEvent['kind'],
    from: TicketStatus | null,
    to: TicketStatus,
    ticket: Partial<TroubleTicketEntity> = {},
  ) => {
    calls.length = 0;
    const t = {
      id: 't',
      ticketType: 'fault',
      circuitId: 'c',
      reopenCount: 0,
      ...ticket,
    } as TroubleTicketEntity;
    await events.emit({ kind, ticket: t, from, to, at, by: 's' }, tx);
    return [...calls];
  };
  return { emit };
}

describe('fault checks follow the fault ticket', () => {
  it('send the first round when the ticket opens, and a new round at each reopen', async () => {
    const { emit } = setup();
    expect(await emit('created', null, 'acknowledged')).toEqual(['round 1', 'tell']);
    expect(await emit('statusChanged', 'resolved', 'inProgress', { reopenCount: 1 })).toEqual([
      'round 2',
      'tell',
    ]);
    expect(await emit('statusChanged', 'resolved', 'inProgress', { reopenCount: 2 })).toEqual([
      'round 3',
      'tell',
    ]);
  });

  it('cancel the open checks when the ticket ends, and tell the coordinator of other moves', async () => {
    const { emit } = setup();
    for (const to of ['resolved', 'closed', 'rejected', 'cancelled'] as const) {
      expect(await emit('statusChanged', 'inProgress', to)).toEqual(['end']);
    }
    // Back to work from pending or held is no reopen: no new round.
    expect(await emit('statusChanged', 'pending', 'inProgress')).toEqual(['tell']);
    expect(await emit('statusChanged', 'acknowledged', 'inProgress')).toEqual(['tell']);
    expect(await emit('restored', 'inProgress', 'inProgress')).toEqual(['tell']);
    expect(await emit('reassigned', 'inProgress', 'inProgress')).toEqual([]);
  });

  it('leave tickets alone that are no fault or on no circuit', async () => {
    const { emit } = setup();
    expect(await emit('created', null, 'acknowledged', { ticketType: 'complaint' })).toEqual([]);
    expect(await emit('statusChanged', 'resolved', 'inProgress', { circuitId: null })).toEqual([]);
  });
});
