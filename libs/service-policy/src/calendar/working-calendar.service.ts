import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { DocumentPublisher } from '@kaf/documents';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { ForbiddenError } from '@kaf/platform';
import { DataSource } from 'typeorm';
import { calendarYearOf, toCalendarBody, WORKING_CALENDAR_DOCUMENT } from './working-calendar.document';
import { WorkingCalendarReader } from './working-calendar.reader';
import { checkedCalendar, sameCalendar } from './working-calendar.rules';
import type { WorkingCalendarYearView } from './working-calendar.view';
import type { PutWorkingCalendarDto } from './put-working-calendar.dto';

/**
 * National: publishes a year of the working-day calendar, a new version of that year's key of the
 * `working-calendar` document, audited and sent to every node in one transaction.
 */
@Injectable()
export class WorkingCalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    private readonly publisher: DocumentPublisher,
    private readonly reader: WorkingCalendarReader,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  /** A PUT of the year as it stands changes nothing: no version, no publication. */
  async put(dto: PutWorkingCalendarDto, scope: AccessScope): Promise<WorkingCalendarYearView> {
    if (this.identity.tier !== 'national' || !scope.covers(this.identity.code)) {
      throw new ForbiddenError('the working-day calendar is published by staff of the national node');
    }
    const wanted = checkedCalendar(dto);
    const key = String(wanted.year);
    return this.dataSource.transaction(async (tx) => {
      const last = await this.publisher.issued(tx, WORKING_CALENDAR_DOCUMENT, key);
      const own = last && !last.withdrawn ? last : undefined;
      const yearView = async () => (await this.reader.years(tx)).find((y) => y.year === wanted.year)!;
      if (own && sameCalendar(calendarYearOf(own.body), wanted)) return yearView();
      const before = own ? await yearView() : null;
      const now = new Date();
      await this.publisher.publish(tx, WORKING_CALENDAR_DOCUMENT, [
        { key, version: (last?.version ?? 0n) + 1n, body: toCalendarBody(wanted, now), publishedAt: now },
      ]);
      const after = await yearView();
      await this.audit.record(tx, scope.principal, {
        action: 'working-calendar.update',
        resourceType: 'working-calendar',
        resourceId: key,
        before,
        after,
      });
      return after;
    });
  }
}
