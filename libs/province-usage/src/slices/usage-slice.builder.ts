import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  GroupUsageCellSchema,
  UsageRollupCellSchema,
  type UsageRollupSlice,
  UsageRollupSliceSchema,
} from '@kaf/contracts';
import { ReportedCustomerDirectory } from '@kaf/customers';
import { NODE_IDENTITY, type NodeIdentity, TOPOLOGY, type Topology } from '@kaf/federation';
import { OutboxWriter } from '@kaf/messaging';
import { valueClassOf } from '@kaf/usage-rules';
import { DataSource, type EntityManager } from 'typeorm';
import { ALL_PRODUCTS, sliceKey, UNKNOWN_ATTRIBUTE } from '../cube/usage-cube.vocabulary';
import { BILLING_POLICY_READER, type BillingPolicyReader } from '@kaf/billing-policy';
import { epochMicros, nextSliceVersion } from './slice-version';
import { UsageSliceMarker } from './usage-slice.marker';
import { UsageSlicesMetrics } from './usage-slices.metrics';
import {
  type CellRow,
  type ClaimedSlice,
  type ClassifiedCustomer,
  type GroupCellRow,
  type SliceTotals,
  UsageSliceRepository,
} from './usage-slice.repository';

/** A slice's build failed; `key` (city:month) names the slice, which stays dirty. */
export class SliceBuildError extends Error {
  override readonly name = 'SliceBuildError';

  constructor(
    readonly key: string,
    override readonly cause: unknown,
  ) {
    super(`usage slice ${key} not built: ${String(cause)}`);
  }
}

/** What one build produced, for logs and tests. */
export interface BuiltSlice {
  cityCode: string;
  billingMonth: string;
  version: bigint;
  cells: number;
  groups: number;
}

/**
 * Rebuilds the province's dirty cube slices from its cities' detail and reports each one to the
 * national node as a whole, with a new version. One slice per transaction: the claim of the
 * dirty row, the cells, the slice row and the outbox message commit together or not at all.
 */
@Injectable()
export class UsageSliceBuilder {
  private readonly nationalCode: string;

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: UsageSliceRepository,
    private readonly marker: UsageSliceMarker,
    private readonly customers: ReportedCustomerDirectory,
    private readonly outbox: OutboxWriter,
    private readonly metrics: UsageSlicesMetrics,
    @Inject(BILLING_POLICY_READER) private readonly policy: BillingPolicyReader,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
    @Inject(TOPOLOGY) topology: Topology,
  ) {
    const national = topology.nodes().find((n) => n.tier === 'national');
    if (!national) throw new Error('the topology has no national node to report usage slices to');
    this.nationalCode = national.code;
  }

  /**
   * Builds the oldest dirty slice no other instance holds, other than those in `skip` (keys of
   * slices whose last build failed); undefined when none is left. Runs in REPEATABLE READ so
   * that every statement of the build sees the same detail. A failed build rolls back, leaving the
   * slice dirty, and throws a `SliceBuildError` naming it.
   */
  async buildNext(skip: readonly string[] = []): Promise<BuiltSlice | undefined> {
    const stopTimer = this.metrics.buildSeconds.startTimer();
    let claimed: ClaimedSlice | undefined;
    let built: BuiltSlice | undefined;
    try {
      built = await this.dataSource.transaction('REPEATABLE READ', async (tx) => {
        claimed = await this.store.claimNext(tx, skip);
        return claimed && this.build(tx, claimed);
      });
    } catch (error) {
      if (!claimed) throw error;
      throw new SliceBuildError(sliceKey(claimed.cityCode, claimed.billingMonth), error);
    }
    if (built) {
      stopTimer();
      this.metrics.built.inc();
      this.metrics.sent.inc();
    }
    return built;
  }

  /**
   * Marks every slice the province holds dirty, in the caller's transaction: each is rebuilt and
   * re-sent with a new version (e.g. when the billing policy's value-class threshold changes).
   */
  markAllDirty(tx: EntityManager): Promise<number> {
    return this.marker.markAllDirty(tx);
  }

  private async build(tx: EntityManager, slice: ClaimedSlice): Promise<BuiltSlice> {
    const customers = await this.classify(tx, slice);
    const province = this.identity.code;
    const cells = await this.store.replaceCells(tx, province, slice, customers);
    const groups = await this.store.replaceGroupCells(tx, province, slice, customers);
    const previous = await this.store.lockVersion(tx, slice);
    const version = nextSliceVersion(previous, epochMicros());
    const stored = await this.store.saveSlice(tx, province, slice, version, totalsOf(cells));
    await this.outbox.write(tx, {
      schema: UsageRollupSliceSchema,
      payload: toSliceMessage(province, slice, version, cells, groups, stored),
      target: this.nationalCode,
      key: sliceKey(slice.cityCode, slice.billingMonth),
    });
    return { ...slice, version, cells: cells.length, groups: groups.length };
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

function toSliceMessage(
  provinceCode: string,
  slice: ClaimedSlice,
  version: bigint,
  cells: readonly CellRow[],
  groups: readonly GroupCellRow[],
  stored: { newestChangeAt: Date | null; reportedAt: Date },
): UsageRollupSlice {
  return create(UsageRollupSliceSchema, {
    provinceCode,
    cityCode: slice.cityCode,
    billingMonth: slice.billingMonth,
    version,
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
