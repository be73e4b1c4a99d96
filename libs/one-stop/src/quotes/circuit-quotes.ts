import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CircuitProduct } from '../domain/circuit-products';
import { CircuitQuoteEntity } from './circuit-quote.entity';
import { isQuoteExpired, type QuoteAction } from '../domain/quote-states';
import { ConflictError, NotFoundError } from '@kaf/platform';

/** A quote the customer accepted, as an order takes it over. */
export interface AcceptedQuote {
  quoteId: string;
  customerId: string;
  /** add: a new circuit; modify: a bandwidth change of `circuitId` (an order must be the same). */
  action: QuoteAction;
  /** modify: the circuit the quote priced a change of; null for add. */
  circuitId: string | null;
  product: CircuitProduct;
  bandwidthMbps: number;
  aEndNode: string;
  zEndNode: string;
  oneTimeChargeFen: bigint;
  monthlyChargeFen: bigint;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The home city's quotes, as the circuit orders use them. */
@Injectable()
export class CircuitQuotes {
  /**
   * Takes an accepted, unexpired, not yet ordered quote of `customerId` for the order `orderId`,
   * in the order's transaction (the quote is locked and marked ordered). Throws a problem
   * naming `quoteId` (404 unknown or another customer's, 409 not accepted / expired / already
   * ordered) otherwise. Claiming again for the same order (a retried step of that order's
   * transaction) returns the same quote.
   */
  async claimAccepted(
    tx: EntityManager,
    quoteId: string,
    customerId: string,
    orderId: string,
  ): Promise<AcceptedQuote> {
    const quote = UUID.test(quoteId)
      ? await tx
          .getRepository(CircuitQuoteEntity)
          .createQueryBuilder('q')
          .where('q.id = :id', { id: quoteId })
          .setLock('pessimistic_write')
          .getOne()
      : null;
    // Another customer's quote is reported as unknown: its existence is not disclosed.
    if (!quote || quote.customerId !== customerId) {
      throw new NotFoundError(`quoteId: no circuit quote ${quoteId} for customer ${customerId}`);
    }
    if (quote.state === 'ordered' && quote.orderId === orderId) return accepted(quote);
    if (quote.state === 'ordered') {
      throw new ConflictError(
        `quoteId: circuit quote ${quoteId} was already ordered by order ${quote.orderId}`,
      );
    }
    if (quote.state !== 'accepted') {
      throw new ConflictError(
        `quoteId: circuit quote ${quoteId} is ${quote.state}; only an accepted quote can be ordered`,
      );
    }
    if (isQuoteExpired(quote)) {
      throw new ConflictError(
        `quoteId: circuit quote ${quoteId} expired at ${quote.validUntil!.toISOString()}`,
      );
    }
    quote.state = 'ordered';
    quote.orderId = orderId;
    quote.orderedAt = new Date();
    await tx.getRepository(CircuitQuoteEntity).save(quote);
    return accepted(quote);
  }
}

function accepted(quote: CircuitQuoteEntity): AcceptedQuote {
  return {
    quoteId: quote.id,
    customerId: quote.customerId,
    action: quote.action,
    circuitId: quote.circuitId,
    product: quote.product,
    bandwidthMbps: quote.bandwidthMbps,
    aEndNode: quote.aEndNode,
    zEndNode: quote.zEndNode,
    oneTimeChargeFen: quote.oneTimeTotalFen!,
    monthlyChargeFen: quote.monthlyTotalFen!,
  };
}
