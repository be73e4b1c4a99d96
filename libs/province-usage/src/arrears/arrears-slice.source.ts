import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { toBinary } from '@bufbuild/protobuf';
import { ArrearsRollupSliceSchema } from '@kaf/contracts';
import { ReportedCustomerDirectory } from '@kaf/customers';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
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
import { ARREARS_MEASURE } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { UNKNOWN_ATTRIBUTE } from '../cube/usage-cube.vocabulary';
import { derivedSlicePace, takeDerivedSlice } from '../slices/derived-slices';
import { ARREARS_SLICES_DIRTY, type ClaimedSlice } from '../slices/slice-dirty-list';
import { USAGE_SLICES_OPTIONS, type UsageSlicesOptions } from '../slices/usage-slices.options';
import { arrearsSliceTotals, toArrearsSliceBody } from './arrears-slice-body';
import { arrearsSliceTotalsLines, upsertArrearsSlice } from './arrears-slice.table';
import { type ClassifiedDebtor, ArrearsSliceRepository } from './arrears-slice.repository';

/**
 * Province: the arrears measure's source towards the national node. A slice (one city, one month)
 * is derived from the cities' arrears detail joined with the province's read model of customers
 * (industry, grade) whenever it is marked dirty — its detail changed, or a customer in it changed
 * industry or grade — and reported whole at a new version, as usage slices are (same pace, same
 * settings). No customer leaves the province: the slice holds sums per industry and grade.
 */
@Injectable()
export class ArrearsSliceSource implements FiguresSource, OnModuleInit {
  readonly measure = ARREARS_MEASURE;
  readonly pace: ReportingPace;
  /** A resync only marks slices dirty, so it may name every month. */
  readonly resyncOfAllMonths = true;

  constructor(
    private readonly figures: UpwardFigures,
    private readonly store: ArrearsSliceRepository,
    private readonly customers: ReportedCustomerDirectory,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(USAGE_SLICES_OPTIONS) options: UsageSlicesOptions,
  ) {
    this.pace = derivedSlicePace(options);
  }

  onModuleInit(): void {
    this.figures.reportFrom(this);
  }

  waiting(tx: EntityManager): Promise<number> {
    return ARREARS_SLICES_DIRTY.count(tx);
  }

  take(tx: EntityManager, _limit: number, skip: readonly CellPlace[]): Promise<OutgoingCell[]> {
    return takeDerivedSlice(tx, ARREARS_SLICES_DIRTY, skip, (t, slice) => this.build(t, slice));
  }

  /** The national node asks again: the slices are marked dirty and rebuilt with new versions. */
  resend(tx: EntityManager, selection: ResyncSelection): Promise<number> {
    return ARREARS_SLICES_DIRTY.mark(tx, selection);
  }

  totals(tx: EntityManager, billingMonths: readonly string[]): Promise<TotalsLine[]> {
    return arrearsSliceTotalsLines(tx, undefined, billingMonths);
  }

  private async build(tx: EntityManager, slice: ClaimedSlice): Promise<OutgoingCell> {
    const province = this.identity.code;
    const lines = await this.store.replaceLines(tx, province, slice, await this.classify(tx, slice));
    const previous = await ARREARS_SLICES_DIRTY.lockVersion(tx, slice);
    const version = nextVersion(previous, epochMicros());
    const stored = (await upsertArrearsSlice(
      tx,
      {
        ...slice,
        provinceCode: province,
        version,
        totals: arrearsSliceTotals(lines),
        newestChangeAt: await this.store.newestChange(tx, slice),
      },
      false,
    ))!;
    return {
      cityCode: slice.cityCode,
      billingMonth: slice.billingMonth,
      key: '',
      version,
      changedAt: stored.reportedAt,
      body: toBinary(ArrearsRollupSliceSchema, toArrearsSliceBody(lines, stored)),
    };
  }

  /** The slice's customers with their current industry and grade ("?" while not yet known). */
  private async classify(tx: EntityManager, slice: ClaimedSlice): Promise<ClassifiedDebtor[]> {
    const ids = await this.store.customersOf(tx, slice);
    if (ids.length === 0) return [];
    const attributes = new Map((await this.customers.attributesOf(ids, tx)).map((a) => [a.id, a]));
    return ids.map((customerId) => {
      const known = attributes.get(customerId);
      return {
        customerId,
        industry: known?.industry || UNKNOWN_ATTRIBUTE,
        grade: known?.grade || UNKNOWN_ATTRIBUTE,
      };
    });
  }
}
