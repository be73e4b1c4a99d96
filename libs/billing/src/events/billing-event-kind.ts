import type { EntityManager } from 'typeorm';
import type { EventVerdict } from '../domain/batch-plan';
import type { ReadEvent } from './read-event';

/** The kinds of event billing systems send, through the same doors and booking rules. */
export const BILLING_EVENT_KINDS = ['usage', 'bill', 'payment'] as const;
export type BillingEventKindName = (typeof BILLING_EVENT_KINDS)[number];

/** What every kind of event has, whatever else it carries. */
export interface DoorEvent {
  /** Position in its batch or message. */
  index: number;
  eventId: string;
  supersedes: string | null;
  /** The billing system's account number, when the event names its account. */
  billingAccount: string | null;
}

/** Whom a booked event belongs to: the account it named (if any) and that account's holder. */
export interface Holder {
  accountId: string | null;
  customerId: string;
}

/**
 * How one kind of billing event is read (from a REST batch element, or a CloudEvent's `data` with
 * the CloudEvent `id` as its event id), the month its account is looked up for and the customer
 * it names itself (usage may). Plain data and pure functions, so both doors and the province,
 * which reads events it does not book, share it; the booking is `BillingEventBooking`'s.
 */
export interface BillingEventKind<E extends DoorEvent = DoorEvent> {
  readonly name: BillingEventKindName;
  /** The CloudEvents `type` on the billing topic. */
  readonly cloudEventType: string;
  /** The REST resource a batch of this kind is posted to (`/api/v1/<restResource>`). */
  readonly restResource: string;
  read(raw: unknown, index: number, now: Date): ReadEvent<E>;
  /** A quicker reader of a CloudEvent's `data` for the common well-formed case; undefined declines. */
  readData?(data: object, eventId: string, index: number, now: Date): E | undefined;
  /** The billing month the event's account must be held in. */
  accountMonth(event: E): string;
  /** The field that month comes from, named when the account is not held in it. */
  readonly accountMonthField: string;
  /** The customer the event names itself, when it names no account. */
  ownCustomer(event: E): string | null;
}

/** Books events of one kind (their holders found) inside `tx`; one verdict per event, in their order. */
export type KindBooker = (
  tx: EntityManager,
  source: string,
  events: readonly (DoorEvent & Holder)[],
) => Promise<EventVerdict[]>;

/** An event read from a door, with its kind. */
export interface KindedEvent {
  kind: BillingEventKind;
  event: DoorEvent;
}
