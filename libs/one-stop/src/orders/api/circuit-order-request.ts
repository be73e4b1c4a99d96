import { createHash } from 'node:crypto';
import { FieldValidationException, shanghaiDate } from '@kaf/platform';
import type { CreateCircuitOrderDto } from './create-circuit-order.dto';

// Checks of an order request that need no database, made before its transaction opens.

/** Either an accepted quote or the contracted charges, not both, not neither. */
export function checkPricing(dto: CreateCircuitOrderDto): void {
  const charges = [dto.oneTimeChargeFen, dto.monthlyChargeFen];
  if (dto.quoteId !== undefined) {
    const given = (['oneTimeChargeFen', 'monthlyChargeFen'] as const).filter((f) => dto[f] !== undefined);
    if (given.length) {
      throw new FieldValidationException(
        given.map((field) => ({
          field,
          message: 'must not be given with quoteId: the quote sets the charges',
        })),
      );
    }
    return;
  }
  if (charges.every((c) => c !== undefined)) return;
  throw new FieldValidationException(
    (['oneTimeChargeFen', 'monthlyChargeFen'] as const)
      .filter((f) => dto[f] === undefined)
      .map((field) => ({ field, message: 'is required without a quoteId' })),
  );
}

export function checkRequestedDate(date: string): void {
  const today = shanghaiDate(new Date());
  if (date < today) {
    throw new FieldValidationException([
      { field: 'requestedCompletionDate', message: `must be today (${today}, Asia/Shanghai) or later` },
    ]);
  }
}

/** What the order was asked for, so a retry can be told from a different order under the same reference. */
export function fingerprintOf(dto: CreateCircuitOrderDto): string {
  const end = (e: CreateCircuitOrderDto['aEnd']) => [
    e.nodeCode,
    e.siteAddress,
    e.contactName,
    e.contactPhone,
  ];
  const terms = [
    dto.customerId,
    dto.product,
    dto.bandwidthMbps,
    end(dto.aEnd),
    end(dto.zEnd),
    dto.requestedCompletionDate,
    dto.notes ?? null,
    dto.quoteId ?? null,
    dto.oneTimeChargeFen ?? null,
    dto.monthlyChargeFen ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(terms)).digest('hex');
}
