import type { ConsumedMessage } from '@kaf/messaging';
import { USAGE_EVENT_TYPE } from '../ledger/usage-event.kind';
import { MAX_EVENTS_PER_MESSAGE, readCloudEventMessage } from './read-cloud-events';

const now = new Date('2026-05-15T04:00:00Z');
const customerId = '0190a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';

function aCloudEvent(overrides: Record<string, unknown> = {}, data: Record<string, unknown> = {}) {
  return {
    specversion: '1.0',
    id: 'BOSS-1',
    source: 'boss-billing',
    type: USAGE_EVENT_TYPE,
    time: '2026-05-14T10:00:01+08:00',
    datacontenttype: 'application/json',
    data: {
      customerId: customerId.toUpperCase(),
      product: 'sd_wan',
      billingMonth: '2026-05',
      occurredAt: '2026-05-14T10:00:00+08:00',
      amountFen: '1250',
      ...data,
    },
    ...overrides,
  };
}

function message(value: unknown, raw = false): ConsumedMessage {
  return {
    topic: 'fed.440300.billing-usage',
    partition: 2,
    offset: '41',
    key: customerId,
    value: value === null ? null : Buffer.from(raw ? (value as string) : JSON.stringify(value)),
    headers: {},
  };
}

describe('reading CloudEvents from the billing-usage topic', () => {
  it('reads a single event: the id is the event id, the source the billing system', () => {
    const reads = readCloudEventMessage(message(aCloudEvent({ traceparent: '00-abc-def-01' })), now);
    expect(reads).toHaveLength(1);
    const read = reads[0];
    expect(read).toMatchObject({
      ok: true,
      source: 'boss-billing',
      position: { topic: 'fed.440300.billing-usage', partition: 2, offset: '41', index: 0 },
      event: { eventId: 'BOSS-1', customerId, amountFen: 1250n, product: 'sd_wan', supersedes: null },
    });
  });

  it('reads a batch message event by event, with each index', () => {
    const reads = readCloudEventMessage(
      message([
        aCloudEvent(),
        aCloudEvent({ id: 'BOSS-2' }, { amountFen: '12.5' }),
        aCloudEvent({ id: 'BOSS-3' }),
      ]),
      now,
    );
    expect(reads.map((r) => [r.ok, r.position.index])).toEqual([
      [true, 0],
      [false, 1],
      [true, 2],
    ]);
    expect(reads[1]).toMatchObject({
      eventId: 'BOSS-2',
      source: 'boss-billing',
      reason: /^data\.amountFen: /,
    });
    expect(JSON.parse(reads[1]!.ok ? '' : reads[1]!.payload)).toMatchObject({ id: 'BOSS-2' });
  });

  it.each([
    ['malformed JSON', '{"specversion": "1.0", ', /^message: is not valid JSON/],
    ['an empty batch', '[]', /^message: an empty batch/],
    ['a bare number', '42', /^event: must be a CloudEvent JSON object/],
  ])('parks %s as a whole message', (_case, text, reason) => {
    const reads = readCloudEventMessage(message(text, true), now);
    expect(reads).toEqual([
      expect.objectContaining({
        ok: false,
        position: { topic: 'fed.440300.billing-usage', partition: 2, offset: '41', index: 0 },
        reason: expect.stringMatching(reason) as unknown,
        payload: text,
      }),
    ]);
  });

  it('parks a batch over the limit as a whole', () => {
    const reads = readCloudEventMessage(
      message(Array.from({ length: MAX_EVENTS_PER_MESSAGE + 1 }, () => aCloudEvent())),
      now,
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ ok: false, reason: /^message: a batch of 1001 events/ });
  });

  it('parks a message without a value', () => {
    expect(readCloudEventMessage(message(null), now)).toEqual([
      expect.objectContaining({ ok: false, reason: 'message: has no value', payload: '' }),
    ]);
  });

  it.each([
    [{ specversion: '0.3' }, 'specversion:'],
    [{ type: 'cn.kaf.billing.usage.v2' }, 'type:'],
    [{ id: '' }, 'id:'],
    [{ id: 'x'.repeat(129) }, 'id:'],
    [{ id: 'BOSS\u00001' }, 'id:'],
    [{ source: undefined }, 'source:'],
    [{ time: 'yesterday' }, 'time:'],
    [{ datacontenttype: 'text/csv' }, 'datacontenttype:'],
    [{ data: 'x' }, 'data:'],
    [{ data_base64: 'eyJ9' }, 'data_base64:'],
    [{ 'Not-An-Extension': 1 }, 'Not-An-Extension:'],
  ])('names the envelope attribute at fault: %p', (overrides, field) => {
    const read = readCloudEventMessage(message(aCloudEvent(overrides)), now)[0]!;
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.reason.split('; ').map((p) => p.slice(0, p.indexOf(':') + 1))).toContain(field);
  });

  it('names every data field at fault under data.', () => {
    const read = readCloudEventMessage(
      message(aCloudEvent({}, { product: 'telegraph', customerId: 'nobody', amountFen: 5, extra: true })),
      now,
    )[0]!;
    expect(read.ok).toBe(false);
    if (read.ok) return;
    for (const field of ['data.product:', 'data.customerId:', 'data.amountFen:', 'data.extra:']) {
      expect(read.reason).toContain(field);
    }
    expect(read.eventId).toBe('BOSS-1');
  });

  it('refuses an event id inside data: the CloudEvent id is the event id', () => {
    const read = readCloudEventMessage(message(aCloudEvent({}, { eventId: 'OTHER' })), now)[0]!;
    expect(read).toMatchObject({ ok: false, reason: /^data\.eventId: not allowed/ });
  });

  it('reads the optional attributes the quick path passes over', () => {
    const reads = readCloudEventMessage(
      message([
        aCloudEvent({
          subject: 'cust-1',
          traceparent: '00-abc-def-01',
          datacontenttype: 'application/json; charset=utf-8',
        }),
        aCloudEvent({ id: 'BOSS-2', time: undefined, datacontenttype: undefined }),
      ]),
      now,
    );
    expect(reads.map((r) => r.ok)).toEqual([true, true]);
  });

  it('holds each event to the months bookable at the time it is read', () => {
    const june = aCloudEvent(
      { id: 'BOSS-6' },
      { billingMonth: '2026-06', occurredAt: '2026-06-01T00:00:00+08:00' },
    );
    const july = aCloudEvent(
      { id: 'BOSS-7' },
      { billingMonth: '2026-07', occurredAt: '2026-07-01T00:00:00+08:00' },
    );
    const inMay = readCloudEventMessage(message([june, july]), now);
    expect(inMay.map((r) => r.ok)).toEqual([true, false]);
    expect(inMay[1]).toMatchObject({ reason: 'data.billingMonth: must be between 2000-01 and 2026-06' });
    const inJune = readCloudEventMessage(message([june, july]), new Date('2026-06-15T04:00:00Z'));
    expect(inJune.map((r) => r.ok)).toEqual([true, true]);
  });

  it('checks the source of every event, not only the first of a batch', () => {
    const reads = readCloudEventMessage(
      message([
        aCloudEvent(),
        aCloudEvent({ id: 'BOSS-2', source: 'boss\u0007billing' }),
        aCloudEvent({ id: 'BOSS-3' }),
      ]),
      now,
    );
    expect(reads.map((r) => r.ok)).toEqual([true, false, true]);
    expect(reads[1]).toMatchObject({ reason: /^source: / });
  });
});
