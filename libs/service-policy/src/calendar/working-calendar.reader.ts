import { Inject, Injectable } from '@nestjs/common';
import type { WorkingCalendarPublishedSchema } from '@kaf/contracts';
import { DocumentReplicas, type DocumentVersion, policySource } from '@kaf/documents';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import type { WorkingCalendar } from '@kaf/platform';
import type { EntityManager } from 'typeorm';
import { calendarUpdatedAt, calendarYearOf, WORKING_CALENDAR_DOCUMENT } from './working-calendar.document';
import { toCalendarYearView, type WorkingCalendarYearView } from './working-calendar.view';

type HeldYears = ReadonlyMap<string, DocumentVersion<typeof WorkingCalendarPublishedSchema>>;

/**
 * The working-day calendar in force at this node: every year published, merged into one calendar.
 * A year nobody published is a plain Monday-to-Friday year. From memory, and rebuilt only when the
 * years held change.
 */
@Injectable()
export class WorkingCalendarReader {
  private merged: { from: HeldYears; calendar: WorkingCalendar } | undefined;

  constructor(
    private readonly replicas: DocumentReplicas,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  async current(): Promise<WorkingCalendar> {
    const years = await this.replicas.currentByKey(WORKING_CALENDAR_DOCUMENT);
    if (this.merged?.from !== years) this.merged = { from: years, calendar: mergedCalendar(years) };
    return this.merged.calendar;
  }

  /** Every year in force, oldest first; in `tx` (which just changed one), as that transaction sees it. */
  async years(tx?: EntityManager): Promise<WorkingCalendarYearView[]> {
    const years = tx
      ? await this.replicas.readByKey(WORKING_CALENDAR_DOCUMENT, tx)
      : await this.replicas.currentByKey(WORKING_CALENDAR_DOCUMENT);
    return [...years.values()]
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((held) =>
        toCalendarYearView(calendarYearOf(held.body), {
          issuer: held.issuer,
          version: held.version,
          updatedAt: calendarUpdatedAt(held.body, held.publishedAt),
          source: this.identity.tier === 'national' ? 'national' : policySource(held),
        }),
      );
  }
}

export function mergedCalendar(years: HeldYears): WorkingCalendar {
  const holidays = new Set<string>();
  const makeUpWorkdays = new Set<string>();
  for (const { body } of years.values()) {
    for (const day of body.holidays) holidays.add(day);
    for (const day of body.makeUpWorkdays) makeUpWorkdays.add(day);
  }
  return { holidays, makeUpWorkdays };
}
