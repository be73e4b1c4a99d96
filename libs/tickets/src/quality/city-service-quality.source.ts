import { Inject, Injectable } from '@nestjs/common';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ServiceQualitySliceSchema } from '@kaf/contracts';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import {
  CityFiguresSource,
  type OutgoingCell,
  type ReportingPace,
  type ResyncSelection,
  type TotalsLine,
  UpwardFigures,
} from '@kaf/upward-figures';
import {
  SERVICE_QUALITY_MEASURE,
  serviceQualityMonthTotals,
  serviceQualitySliceInit,
} from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import {
  type QualityCellRow,
  type QualityMonthRow,
  TicketQualityRepository,
} from './ticket-quality.repository';
import { SERVICE_QUALITY_REPORTING_PACE } from './service-quality-reporting.options';

/**
 * City: its service quality per month as the service-quality measure's source. A ticket change
 * marks the months it may move (`TicketQualityRepository.markTickets`, in the writing
 * transaction); the reporter computes a marked month's lines from the tickets when it takes it.
 * A resync marks the months again (new versions), so it may name every month; totals are the
 * months' lines computed now.
 */
@Injectable()
export class CityServiceQualitySource extends CityFiguresSource<QualityCellRow, QualityMonthRow> {
  readonly measure = SERVICE_QUALITY_MEASURE;
  readonly resyncOfAllMonths = true;

  constructor(
    figures: UpwardFigures,
    private readonly months: TicketQualityRepository,
    @Inject(SERVICE_QUALITY_REPORTING_PACE) pace: ReportingPace,
    @Inject(NODE_IDENTITY) identity: NodeIdentity,
  ) {
    super(figures, months, pace, identity);
  }

  resend(tx: EntityManager, selection: ResyncSelection): Promise<number> {
    return this.months.markForResync(tx, selection.billingMonths);
  }

  protected toCell(row: QualityCellRow): OutgoingCell {
    return {
      cityCode: this.identity.code,
      billingMonth: row.billing_month,
      key: '',
      version: BigInt(row.version),
      changedAt: row.changed_at,
      body: toBinary(
        ServiceQualitySliceSchema,
        create(ServiceQualitySliceSchema, {
          ...serviceQualitySliceInit(row.lines, row.active_customers),
          computedAt: timestampFromDate(new Date()),
        }),
      ),
    };
  }

  protected figuresOf(month: QualityMonthRow): TotalsLine['figures'] {
    return serviceQualityMonthTotals(month.lines, BigInt(month.active_customers));
  }
}
