import { createHash } from 'node:crypto';
import { type FieldError, FieldValidationException, shanghaiDate } from '@kaf/platform';
import type { CreateCircuitOrderDto } from './create-circuit-order.dto';

// Checks of an order request that need no database, made before its transaction opens.

/**
 * The fields that belong to the order's action: `circuitId` only for a change or a cease,
 * `ceaseDate` (today or later) only for a cease.
 */
export function checkAction(dto: CreateCircuitOrderDto): void {
  const errors: FieldError[] = [];
  const action = dto.action ?? 'add';
  if (action === 'add' && dto.circuitId !== undefined) {
    errors.push({ field: 'circuitId', message: 'is given only to modify or delete a circuit' });
  }
  if (action !== 'delete' && dto.ceaseDate !== undefined) {
    errors.push({ field: 'ceaseDate', message: 'is given only to delete (cease) a circuit' });
  }
  if (action === 'delete') {
    const today = shanghaiDate(new Date());
    if (dto.ceaseDate! < today) {
      errors.push({ field: 'ceaseDate', message: `must be today (${today}, Asia/Shanghai) or later` });
    }
    for (const field of ['quoteId', 'oneTimeChargeFen', 'monthlyChargeFen'] as const) {
      if (dto[field] !== undefined) errors.push({ field, message: 'a cease is not priced' });
    }
  }
  if (errors.length) throw new FieldValidationException(errors);
}

/** Either an accepted quote or the contracted charges, not both, not neither (a cease has none). */
export function checkPricing(dto: CreateCircuitOrderDto): void {
  if (dto.action === 'delete') return;
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
  const end = (e: CreateCircuitOrderDto['aEnd'] | undefined) =>
    e ? [e.nodeCode, e.siteAddress, e.contactName, e.contactPhone] : null;
  // A new circuit's terms are digested as they were before orders had actions.
  const change =
    dto.action === 'modify' || dto.action === 'delete'
      ? [dto.action, dto.circuitId, dto.ceaseDate ?? null]
      : [];
  const terms = [
    ...change,
    dto.customerId,
    dto.product ?? null,
    dto.bandwidthMbps ?? null,
    end(dto.aEnd),
    end(dto.zEnd),
    dto.requestedCompletionDate ?? null,
    dto.notes ?? null,
    dto.quoteId ?? null,
    dto.oneTimeChargeFen ?? null,
    dto.monthlyChargeFen ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(terms)).digest('hex');
}
