import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CircuitProduct } from '../domain/circuit-products';

/** A quote the customer accepted, as an order takes it over. */
export interface AcceptedQuote {
  quoteId: string;
  customerId: string;
  product: CircuitProduct;
  bandwidthMbps: number;
  aEndNode: string;
  zEndNode: string;
  oneTimeChargeFen: bigint;
  monthlyChargeFen: bigint;
}

/** The home city's quotes, as the circuit orders use them. */
@Injectable()
export class CircuitQuotes {
  /**
   * Takes an accepted, unexpired, not yet ordered quote of `customerId` for the order `orderId`,
   * in the order's transaction (the quote is locked and marked ordered). Throws a problem
   * naming `quoteId` (404 unknown, 409 not accepted / expired / already ordered) otherwise.
   */
  claimAccepted(
    tx: EntityManager,
    quoteId: string,
    customerId: string,
    orderId: string,
  ): Promise<AcceptedQuote> {
    void tx;
    void customerId;
    void orderId;
    return Promise.reject(new Error(`quote ${quoteId}: quotes are not built yet`));
  }
}
