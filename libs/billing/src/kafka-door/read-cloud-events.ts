import type { ConsumedMessage } from '@kaf/messaging';
import type { BillingEventKind, DoorEvent } from '../events/billing-event-kind';
import { CLOUD_EVENT_TYPES, kindOfCloudEventType } from '../events/billing-event-kinds';
/** Events one message may carry (the CloudEvents JSON batch format), as a REST batch. */
export const MAX_EVENTS_PER_MESSAGE = 1000;
const MAX_SOURCE_LENGTH = 256;
const MAX_ID_LENGTH = 128;

const CONTEXT_ATTRIBUTES = new Set([
  'specversion',
  'id',
  'source',
  'type',
  'time',
  'subject',
  'datacontenttype',
  'data',
]);
/** Extension attributes (e.g. `traceparent`) are allowed and ignored; the spec's naming rule. */
const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Where an event entered a door: a message's topic and position and the event's index in it
 * (for the province's REST door: the resource, 0, the batch's number and the index in the batch).
 */
export interface EventPosition {
  topic: string;
  partition: number;
  offset: string;
  /** Index of the event in a batch message; 0 for a single event or a message at fault as a whole. */
  index: number;
}

/** An event ready for booking (or routing), with its kind and the billing system that sent it. */
export interface ReadCloudEvent {
  ok: true;
  position: EventPosition;
  source: string;
  kind: BillingEventKind;
  event: DoorEvent;
  /** The event as it arrived (for parking it when booking refuses it). */
  payload: () => string;
}

/** Something that cannot be booked as it stands: parked with the reason naming the field. */
export interface UnreadableEvent {
  ok: false;
  position: EventPosition;
  source: string | null;
  eventId: string | null;
  reason: string;
  payload: string;
}

export type CloudEventRead = ReadCloudEvent | UnreadableEvent;

/**
 * Reads one Kafka message of the billing-usage topic: a CloudEvents 1.0 event in structured JSON
 * mode, or a JSON array of them (the JSON batch format). Its `type` names the kind of event
 * (usage, bill, payment); `data` holds the REST door's fields for that kind, under its rules; its
 * `id` is the event id and its `source` the
 * billing system, so dedupe is per source as at the REST door.
 */
export function readCloudEventMessage(message: ConsumedMessage, now: Date): CloudEventRead[] {
  const at = (index: number): EventPosition => ({
    topic: message.topic,
    partition: message.partition,
    offset: message.offset,
    index,
  });
  const whole = (reason: string, payload: string): UnreadableEvent[] => [
    { ok: false, position: at(0), source: null, eventId: null, reason, payload },
  ];
  if (!message.value || message.value.length === 0) return whole('message: has no value', '');
  const text = message.value.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return whole(`message: is not valid JSON (${(error as Error).message})`, text);
  }
  if (!Array.isArray(parsed)) return [readCloudEvent(parsed, at(0), now, () => text)];
  if (parsed.length === 0) return whole('message: an empty batch; send at least one event', text);
  if (parsed.length > MAX_EVENTS_PER_MESSAGE) {
    return whole(
      `message: a batch of ${parsed.length} events; at most ${MAX_EVENTS_PER_MESSAGE} per message`,
      text,
    );
  }
  return parsed.map((raw, index) => readCloudEvent(raw, at(index), now, () => JSON.stringify(raw)));
}

/** Reads one CloudEvent (an element of a batch, or a parked event being replayed). */
export function readCloudEvent(
  raw: unknown,
  position: EventPosition,
  now: Date,
  payload: () => string,
): CloudEventRead {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return unreadable(position, null, null, ['event: must be a CloudEvent JSON object'], payload());
  }
  const ce = raw as Record<string, unknown>;
  const fast = readWellFormed(ce, position, now, payload);
  if (fast) return fast;
  const source = text(ce.source, MAX_SOURCE_LENGTH);
  const id = text(ce.id, MAX_ID_LENGTH);
  const problems = envelopeProblems(ce, source, id);
  const data = ce.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push('data: must be a JSON object holding the event');
  } else if ('eventId' in data) {
    problems.push('data.eventId: not allowed; the CloudEvent id is the event id');
  }
  if (problems.length > 0) return unreadable(position, source, id ?? claimedId(ce.id), problems, payload());
  const kind = kindOfCloudEventType(ce.type)!;
  const read = kind.read({ ...(data as object), eventId: id }, position.index, now);
  if (!read.ok) {
    return unreadable(position, source, id, read.problems.map(qualifyDataProblem), payload());
  }
  return { ok: true, position, source: source!, kind, event: read.event, payload };
}

/**
 * The common case in one pass and without copying `data`: a well-formed envelope around a
 * well-formed event. It accepts only what the checks below accept, and declines everything else
 * to them, so every reason is theirs.
 */
function readWellFormed(
  ce: Record<string, unknown>,
  position: EventPosition,
  now: Date,
  payload: () => string,
): ReadCloudEvent | undefined {
  for (const key in ce) {
    if (!Object.hasOwn(ce, key) || (!CONTEXT_ATTRIBUTES.has(key) && !EXTENSION_NAME.test(key))) {
      return undefined;
    }
  }
  const { specversion, id, source, type, time, subject, datacontenttype, data } = ce;
  const kind = kindOfCloudEventType(type);
  if (specversion !== '1.0' || !kind?.readData) return undefined;
  if (!wellFormedSource(source) || text(id, MAX_ID_LENGTH) === undefined) return undefined;
  if (
    time !== undefined &&
    (typeof time !== 'string' || !RFC3339.test(time) || Number.isNaN(Date.parse(time)))
  ) {
    return undefined;
  }
  if (subject !== undefined && typeof subject !== 'string') return undefined;
  if (
    datacontenttype !== undefined &&
    datacontenttype !== 'application/json' &&
    (typeof datacontenttype !== 'string' || !/^application\/json(\s*;.*)?$/i.test(datacontenttype))
  ) {
    return undefined;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || 'eventId' in data) return undefined;
  const event = kind.readData(data, id as string, position.index, now);
  return event && { ok: true, position, source, kind, event, payload };
}

let lastSource = '';

/** Sources repeat from event to event: the last one found well-formed is not checked again. */
function wellFormedSource(source: unknown): source is string {
  if (source === lastSource && lastSource !== '') return true;
  if (text(source, MAX_SOURCE_LENGTH) === undefined) return false;
  lastSource = source as string;
  return true;
}

function envelopeProblems(
  ce: Record<string, unknown>,
  source: string | undefined,
  id: string | undefined,
): string[] {
  const problems: string[] = [];
  if (ce.specversion !== '1.0') problems.push('specversion: must be "1.0"');
  if (!id)
    problems.push(
      `id: must be a non-empty string of at most ${MAX_ID_LENGTH} characters without control characters`,
    );
  if (!source) {
    problems.push(
      `source: must be a non-empty string of at most ${MAX_SOURCE_LENGTH} characters without control characters`,
    );
  }
  if (!kindOfCloudEventType(ce.type)) {
    problems.push(`type: must be one of ${CLOUD_EVENT_TYPES.map((t) => `"${t}"`).join(', ')}`);
  }
  if (
    ce.time !== undefined &&
    (typeof ce.time !== 'string' || !RFC3339.test(ce.time) || Number.isNaN(Date.parse(ce.time)))
  ) {
    problems.push('time: must be an RFC 3339 timestamp');
  }
  if (ce.subject !== undefined && typeof ce.subject !== 'string') problems.push('subject: must be a string');
  if (
    ce.datacontenttype !== undefined &&
    (typeof ce.datacontenttype !== 'string' || !/^application\/json(\s*;.*)?$/i.test(ce.datacontenttype))
  ) {
    problems.push('datacontenttype: must be "application/json"');
  }
  if ('data_base64' in ce) problems.push('data_base64: not accepted; send data as JSON');
  for (const key of Object.keys(ce)) {
    if (!CONTEXT_ATTRIBUTES.has(key) && key !== 'data_base64' && !EXTENSION_NAME.test(key)) {
      problems.push(`${key}: not a CloudEvents attribute (extension names are lowercase letters and digits)`);
    }
  }
  return problems;
}

function text(value: unknown, max: number): string | undefined {
  return typeof value === 'string' &&
    value.length > 0 &&
    value.length <= max &&
    !CONTROL_CHARACTERS.test(value)
    ? value
    : undefined;
}

/** An id too long or odd to book is still worth showing to the operator, cut to size. */
function claimedId(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value.slice(0, 200) : null;
}

/** The event's fields live under `data`; its id is the CloudEvent's. */
function qualifyDataProblem(problem: string): string {
  if (problem.startsWith('eventId:')) return `id:${problem.slice('eventId:'.length)}`;
  if (problem.startsWith('event:')) return `data:${problem.slice('event:'.length)}`;
  return `data.${problem}`;
}

function unreadable(
  position: EventPosition,
  source: string | undefined | null,
  eventId: string | undefined | null,
  problems: string[],
  payload: string,
): UnreadableEvent {
  return {
    ok: false,
    position,
    source: source ?? null,
    eventId: eventId ?? null,
    reason: problems.join('; '),
    payload,
  };
}

/** A verdict of the booking core (unknown customer, bad supersedes) in the door's field names. */
export function qualifyBookingReason(reason: string): string {
  return qualifyDataProblem(reason);
}
