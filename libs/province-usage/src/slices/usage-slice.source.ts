import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  GroupUsageCellSchema,
  UsageRollupCellSchema,
  type UsageRollupSlice,
  UsageRollupSliceSchema,
} from '@kaf/contracts';
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
import { USAGE_MEASURE, valueClassOf } from '@kaf/usage-rules';
import type { EntityManager } from 'typeorm';
import { ALL_PRODUCTS, UNKNOWN_ATTRIBUTE } from '../cube/usage-cube.vocabulary';
import { derivedSlicePace, takeDerivedSlice } from './derived-slices';
import { USAGE_SLICES_DIRTY } from './slice-dirty-list';
import { BILLING_POLICY_READER, type BillingPolicyReader } from '@kaf/billing-policy';
import { UsageSliceMarker } from './usage-slice.marker';
import { UsageSlicesMetrics } from './usage-slices.metrics';
import { USAGE_SLICES_OPTIONS, type UsageSlicesOptions } from './usage-slices.options';
import type { ClaimedSlice } from './slice-dirty-list';
import {
  type CellRow,
  type ClassifiedCustomer,
  type GroupCellRow,
  type SliceTotals,
  UsageSliceRepository,
} from './usage-slice.repository';

/**
 * Province: the usage measure's source towards the national node. A slice (one city, one month)
 * is derived from the cities' detail whenever it is marked dirty, and reported as a whole with a
 * new version (the clock in microseconds, rising across a rebuilt database). The reporter takes
 * one slice per transaction, in REPEATABLE READ so that every statement of a build sees the same
 * detail: the claim of the dirty row, the cells, the slice row and the outbox message commit
 * together or not at all. A slice whose build fails stays dirty and is held back by the reporter.
 */
@Injectable()
export class UsageSliceSource implements FiguresSource, OnModuleInit {
  readonly measure = USAGE_MEASURE;
  readonly pace: ReportingPace;
  /** A resync only marks slices dirty, so it may name every month. */
  readonly resyncOfAllMonths = true;

  constructor(
    private readonly figures: UpwardFigures,
    private readonly store: UsageSliceRepository,
    private readonly marker: UsageSliceMarker,
    private readonly customers: ReportedCustomerDirectory,
    private readonly metrics: UsageSlicesMetrics,
    @Inject(BILLING_POLICY_READER) private readonly policy: BillingPolicyReader,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(USAGE_SLICES_OPTIONS) options: UsageSlicesOptions,
  ) {
    this.pace = derivedSlicePace(options);
  }

  onModuleInit(): void {
    this.figures.reportFrom(this);
  }

  waiting(tx: EntityManager): Promise<number> {
    return USAGE_SLICES_DIRTY.count(tx);
  }

  /** Builds the oldest dirty slice no other instance holds and that is not held back. */
  take(tx: EntityManager, _limit: number, skip: readonly CellPlace[]): Promise<OutgoingCell[]> {
    return takeDerivedSlice(tx, USAGE_SLICES_DIRTY, skip, async (build, claimed) => {
      const stopTimer = this.metrics.buildSeconds.startTimer();
      const cell = await this.build(build, claimed);
      stopTimer();
      this.metrics.built.inc();
      return cell;
    });
  }

  /** The national node asks again: the slices are marked dirty and rebuilt with new versions. */
  resend(tx: EntityManager, selection: ResyncSelection): Promise<number> {
    return this.marker.markDirty(tx, selection);
  }

  async totals(tx: EntityManager, billingMonths: readonly string[]): Promise<TotalsLine[]> {
    const rows = await this.store.totals(tx, billingMonths);
    return rows.map((t) => ({
      cityCode: t.cityCode,
      billingMonth: t.billingMonth,
      figures: { revenueFen: BigInt(t.revenueFen), eventCount: BigInt(t.eventCount), cells: BigInt(t.cells) },
    }));
  }

  private async build(tx: EntityManager, slice: ClaimedSlice): Promise<OutgoingCell> {
    const customers = await this.classify(tx, slice);
    const province = this.identity.code;
    const cells = await this.store.replaceCells(tx, province, slice, customers);
    const groups = await this.store.replaceGroupCells(tx, province, slice, customers);
    const previous = await USAGE_SLICES_DIRTY.lockVersion(tx, slice);
    const version = nextVersion(previous, epochMicros());
    const stored = await this.store.saveSlice(tx, province, slice, version, totalsOf(cells));
    return {
      cityCode: slice.cityCode,
      billingMonth: slice.billingMonth,
      key: '',
      version,
      changedAt: stored.reportedAt,
      body: toBinary(UsageRollupSliceSchema, toSliceBody(cells, groups, stored)),
    };
  }

  /** The slice's customers with their current attributes and this month's value class. */
  private async classify(tx: EntityManager, slice: ClaimedSlice): Promise<ClassifiedCustomer[]> {
    const revenue = await this.store.customerRevenue(tx, slice.cityCode, slice.billingMonth);
    if (revenue.length === 0) return [];
    const policy = await this.policy.current();
    const attributes = new Map(
      (
        await this.customers.attributesOf(
          revenue.map((r) => r.customerId),
          tx,
        )
      ).map((a) => [a.id, a]),
    );
    return revenue.map(({ customerId, revenueFen }) => {
      const known = attributes.get(customerId);
      return {
        customerId,
        industry: known?.industry || UNKNOWN_ATTRIBUTE,
        grade: known?.grade || UNKNOWN_ATTRIBUTE,
        groupCode: known?.groupCode || null,
        valueClass: valueClassOf(revenueFen, policy),
      };
    });
  }
}

/** Slice totals from its all-products lines: each customer is in exactly one of them. */
export function totalsOf(cells: readonly CellRow[]): SliceTotals {
  const totals: SliceTotals = { revenueFen: 0n, eventCount: 0n, customers: 0 };
  for (const cell of cells) {
    if (cell.product !== ALL_PRODUCTS) continue;
    totals.revenueFen += BigInt(cell.revenueFen);
    totals.eventCount += BigInt(cell.eventCount);
    totals.customers += cell.customers;
  }
  return totals;
}

function toSliceBody(
  cells: readonly CellRow[],
  groups: readonly GroupCellRow[],
  stored: { newestChangeAt: Date | null; reportedAt: Date },
): UsageRollupSlice {
  return create(UsageRollupSliceSchema, {
    cells: cells.map((c) =>
      create(UsageRollupCellSchema, {
        industry: c.industry,
        valueClass: c.valueClass,
        grade: c.grade,
        product: c.product,
        revenueFen: BigInt(c.revenueFen),
        customers: c.customers,
        eventCount: BigInt(c.eventCount),
      }),
    ),
    groups: groups.map((g) =>
      create(GroupUsageCellSchema, {
        groupCode: g.groupCode,
        revenueFen: BigInt(g.revenueFen),
        customers: g.customers,
        eventCount: BigInt(g.eventCount),
      }),
    ),
    ...(stored.newestChangeAt ? { newestChangeAt: timestampFromDate(stored.newestChangeAt) } : {}),
    computedAt: timestampFromDate(stored.reportedAt),
  });
}
