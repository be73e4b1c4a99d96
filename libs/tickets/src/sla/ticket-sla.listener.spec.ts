import type { EscalationRaiser } from '@kaf/escalations';
import type { EntityManager } from 'typeorm';
import type { TicketEvent } from '../tickets/ticket-events';
import { TicketEvents } from '../tickets/ticket-events';
import type { TicketStatus } from '../tickets/ticket-vocabulary';
import type { TroubleTicketEntity } from '../tickets/trouble-ticket.entity';
import type { TicketSlaClocks } from './ticket-sla-clocks';
import { TicketSlaListener } from './ticket-sla.listener';

const at = new Date('2026-12-07T10:00:00Z');
const tx = {} as EntityManager;

/** The listener over clocks and escalations that only note what they were asked. */
function listener() {
  const calls: string[] = [];
  const note =
    (name: string) =>
    (...args: unknown[]) => {
      const target = typeof args[2] === 'string' ? ` ${args[2]}` : '';
      calls.push(`${name}${target}`);
      return Promise.resolve(0);
    };
  const clocks = {
    start: note('start'),
    pause: note('pause'),
    resume: note('resume'),
    meet: note('meet'),
    reopen: note('reopen'),
    stop: note('stop'),
  } as unknown as TicketSlaClocks;
  const escalations = {
    closeFor: (_tx: unknown, _case: string, closing: { why: string }) => {
      calls.push(`close ${closing.why}`);
      return Promise.resolve(0);
    },
  } as unknown as EscalationRaiser;
  const events = new TicketEvents();
  new TicketSlaListener(events, clocks, escalations).onModuleInit();
  const emit = async (kind: TicketEvent['kind'], from: TicketStatus | null, to: TicketStatus) => {
    calls.length = 0;
    const ticket = {
      id: 't1',
      status: to,
      respondedAt: null,
      restoredAt: null,
    } as unknown as TroubleTicketEntity;
    await events.emit({ kind, ticket, from, to, at, by: 'desk@440300' }, tx);
    return [...calls];
  };
  return { emit };
}

describe('TicketSlaListener', () => {
  it('starts the clocks with the ticket, and meets response on the first move', async () => {
    const { emit } = listener();
    expect(await emit('created', null, 'acknowledged')).toEqual(['start']);
    expect(await emit('statusChanged', 'acknowledged', 'inProgress')).toEqual(['meet response']);
  });

  it('stands the clocks still while pending or held, and runs them on after', async () => {
    const { emit } = listener();
    expect(await emit('statusChanged', 'inProgress', 'pending')).toEqual(['pause']);
    expect(await emit('statusChanged', 'pending', 'held')).toEqual([]);
    expect(await emit('statusChanged', 'held', 'inProgress')).toEqual(['resume']);
    // Straight from acknowledged to pending: the response is given, the rest stands still.
    expect(await emit('statusChanged', 'acknowledged', 'pending')).toEqual(['meet response', 'pause']);
  });

  it('meets restore when restored or resolved, closing the escalations; a reopen runs it on', async () => {
    const { emit } = listener();
    expect(await emit('restored', 'inProgress', 'inProgress')).toEqual(['meet restore']);
    expect(await emit('statusChanged', 'pending', 'resolved')).toEqual([
      'resume',
      'meet restore',
      'close ticketResolved',
    ]);
    expect(await emit('statusChanged', 'resolved', 'inProgress')).toEqual(['reopen']);
  });

  it('stops the clocks and closes the escalations when the ticket ends', async () => {
    const { emit } = listener();
    expect(await emit('statusChanged', 'resolved', 'closed')).toEqual(['stop', 'close ticketClosed']);
    expect(await emit('statusChanged', 'held', 'cancelled')).toEqual([
      'resume',
      'stop',
      'close ticketCancelled',
    ]);
    expect(await emit('statusChanged', 'acknowledged', 'rejected')).toEqual([
      'meet response',
      'stop',
      'close ticketRejected',
    ]);
    expect(await emit('reassigned', 'inProgress', 'inProgress')).toEqual([]);
  });
});
