import { Inject, Injectable } from '@nestjs/common';
import { AuditTrail } from '@kaf/audit';
import type { AccessScope } from '@kaf/auth';
import { NODE_IDENTITY, type NodeIdentity } from '@kaf/federation';
import { FieldValidationException, ForbiddenError, NotFoundError } from '@kaf/platform';
import { DataSource, type EntityManager } from 'typeorm';
import { CIRCUIT_PRODUCTS, type CircuitProduct, isCircuitProduct } from '../domain/circuit-products';
import { type TariffTerms, tariffTermsProblem } from '../domain/circuit-charges';
import { CircuitTariffEntity } from './circuit-tariff.entity';
import { type CircuitTariffView, toCircuitTariffView } from './circuit-tariff.view';
import type { PutCircuitTariffDto } from './put-circuit-tariff.dto';

/** Serialises writers of one product's tariff (with the product's position), so versions are consecutive. */
const TARIFF_LOCK = 0x6b616620;

/**
 * A node's circuit tariff: what it charges for the segments it carries, per product. Every
 * change is a new version, audited; quote replies name the version their charges came from.
 */
@Injectable()
export class CircuitTariffsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditTrail,
    @Inject(NODE_IDENTITY) private readonly identity: NodeIdentity,
  ) {}

  /** The tariff in force for every product that has one, in catalogue order. */
  async list(page: {
    limit: number;
    offset: number;
  }): Promise<{ items: CircuitTariffView[]; total: number }> {
    const rows = await this.dataSource
      .getRepository(CircuitTariffEntity)
      .createQueryBuilder('t')
      .distinctOn(['t.product'])
      .orderBy('t.product')
      .addOrderBy('t.version', 'DESC')
      .getMany();
    rows.sort((a, b) => CIRCUIT_PRODUCTS.indexOf(a.product) - CIRCUIT_PRODUCTS.indexOf(b.product));
    return {
      items: rows.slice(page.offset, page.offset + page.limit).map((r) => this.view(r)),
      total: rows.length,
    };
  }

  async get(product: string): Promise<CircuitTariffView> {
    const row = isCircuitProduct(product) ? await this.current(product) : null;
    if (!row)
      throw new NotFoundError(`product: no circuit tariff for ${product} at node ${this.identity.code}`);
    return this.view(row);
  }

  /** The version in force for `product`, or null when the node has none. */
  current(
    product: CircuitProduct,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<CircuitTariffEntity | null> {
    return manager
      .getRepository(CircuitTariffEntity)
      .findOne({ where: { product }, order: { version: 'DESC' } });
  }

  /** A PUT that changes nothing writes nothing: no new version, no audit entry. */
  async put(scope: AccessScope, product: string, dto: PutCircuitTariffDto): Promise<CircuitTariffView> {
    if (!isCircuitProduct(product)) {
      throw new FieldValidationException([
        { field: 'product', message: `must be one of ${CIRCUIT_PRODUCTS.join(', ')}` },
      ]);
    }
    if (!scope.covers(this.identity.code)) {
      throw new ForbiddenError(
        `the circuit tariff of node ${this.identity.code} is set by its own staff or above`,
      );
    }
    const terms: TariffTerms = {
      oneTimeFen: BigInt(dto.oneTimeFen),
      monthlyBaseFen: BigInt(dto.monthlyBaseFen),
      monthlyPerMbpsFen: BigInt(dto.monthlyPerMbpsFen),
      changeOneTimeFen: BigInt(dto.changeOneTimeFen ?? '0'),
      maxBandwidthMbps: dto.maxBandwidthMbps,
    };
    const problem = tariffTermsProblem(terms);
    if (problem) throw new FieldValidationException([problem]);
    const saved = await this.dataSource.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, $2)', [
        TARIFF_LOCK,
        CIRCUIT_PRODUCTS.indexOf(product),
      ]);
      const before = await this.current(product, tx);
      if (before && sameTerms(before, terms)) return before;
      const repo = tx.getRepository(CircuitTariffEntity);
      const version = (before?.version ?? 0n) + 1n;
      await repo.insert({ product, version, ...terms, updatedBy: scope.principal.subject });
      const after = await repo.findOneByOrFail({ product, version });
      await this.audit.record(tx, scope.principal, {
        action: 'circuit-tariff.update',
        resourceType: 'circuit-tariff',
        resourceId: product,
        before: before ? this.view(before) : null,
        after: this.view(after),
      });
      return after;
    });
    return this.view(saved);
  }

  private view(row: CircuitTariffEntity): CircuitTariffView {
    return toCircuitTariffView(this.identity.code, row);
  }
}

function sameTerms(row: CircuitTariffEntity, terms: TariffTerms): boolean {
  return (
    row.oneTimeFen === terms.oneTimeFen &&
    row.monthlyBaseFen === terms.monthlyBaseFen &&
    row.monthlyPerMbpsFen === terms.monthlyPerMbpsFen &&
    row.changeOneTimeFen === terms.changeOneTimeFen &&
    row.maxBandwidthMbps === terms.maxBandwidthMbps
  );
}
