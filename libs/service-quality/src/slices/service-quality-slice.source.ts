import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { ServiceQualitySliceSchema } from '@kaf/contracts';
import {
  type ClaimedSlice,
  derivedSlicePace,
  type SliceDirtyList,
  takeDerivedSlice,
  type UsageSlicesOptions,
} from '@kaf/province-usage';
import {
  type CellPlace,
  epochMicros,
  type FiguresSource,
  nextVersion,
  type OutgoingCell,
  type ReportingPace,
  type ResyncSelection,
  type TotalsLine,
  UpwardFigures,
} from '@kaf/upward-figures';
import { SERVICE_QUALITY_MEASURE, serviceQualitySliceInit } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { SERVICE_QUALITY_SLICES_DIRTY } from './service-quality.sink';
import { ServiceQualitySlicesRepository } from './service-quality-slices.repository';

export const SERVICE_QUALITY_SLICES_OPTIONS = Symbol('SERVICE_QUALITY_SLICES_OPTIONS');

/**
 * Province: the service-quality measure's source towards CN. A city-month kept from a city is
 * marked dirty in the same transaction and reported on whole at the province's own version, at the
 * pace and settings of the usage and arrears slices (USAGE_SLICE_INTERVAL_MS,
 * USAGE_SLICE_MAX_PER_ROUND). The province adds nothing to a city's lines: the slice is the city's.
 */
@Injectable()
export class ServiceQualitySliceSource implements FiguresSource, OnModuleInit {
  readonly measure = SERVICE_QUALITY_MEASURE;
  readonly pace: ReportingPace;
  /** A resync only marks slices dirty, so it may name every month. */
  readonly resyncOfAllMonths = true;

  constructor(
    private readonly figures: UpwardFigures,
    private readonly slices: ServiceQualitySlicesRepository,
    @Inject(SERVICE_QUALITY_SLICES_DIRTY) private readonly dirty: SliceDirtyList,
    @Inject(SERVICE_QUALITY_SLICES_OPTIONS) options: UsageSlicesOptions,
  ) {
    this.pace = derivedSlicePace(options);
  }

  onModuleInit(): void {
    this.figures.reportFrom(this);
  }

  waiting(tx: EntityManager): Promise<number> {
    return this.dirty.count(tx);
  }

  take(tx: EntityManager, _limit: number, skip: readonly CellPlace[]): Promise<OutgoingCell[]> {
    return takeDerivedSlice(tx, this.dirty, skip, (t, slice) => this.build(t, slice));
  }

  /** CN asks again: the slices are marked dirty and reported with new versions. */
  resend(tx: EntityManager, selection: ResyncSelection): Promise<number> {
    return this.dirty.mark(tx, selection);
  }

  /** What the province holds: CN's copy must equal it. */
  totals(tx: EntityManager, billingMonths: readonly string[]): Promise<TotalsLine[]> {
    return this.slices.totals(tx, undefined, billingMonths);
  }

  private async build(tx: EntityManager, slice: ClaimedSlice): Promise<OutgoingCell> {
    const kept = await this.slices.kept(tx, slice.cityCode, slice.billingMonth);
    const version = nextVersion(await this.dirty.lockVersion(tx, slice), epochMicros());
    const [sent] = await tx.query<{ reported_at: Date }[]>(
      `INSERT INTO service_quality_slice_sent (city_code, billing_month, version, reported_at)
       VALUES ($1, $2, $3, now())
       ON CONFLICT (city_code, billing_month) DO UPDATE SET version = excluded.version, reported_at = now()
       RETURNING reported_at`,
      [slice.cityCode, slice.billingMonth, version.toString()],
    );
    const computedAt = sent?.reported_at ?? new Date();
    return {
      cityCode: slice.cityCode,
      billingMonth: slice.billingMonth,
      key: '',
      version,
      changedAt: computedAt,
      body: toBinary(
        ServiceQualitySliceSchema,
        create(ServiceQualitySliceSchema, {
          ...serviceQualitySliceInit(kept.lines, kept.activeCustomers),
          computedAt: timestampFromDate(computedAt),
        }),
      ),
    };
  }
}
