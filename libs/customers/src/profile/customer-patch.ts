import { FieldValidationException } from '@kaf/platform';
import { normaliseClasses } from '../domain/customer-vocabulary';
import type { CustomerEntity } from './customer.entity';
import type { UpdateCustomerDto } from './update-customer.dto';

const PATCHABLE = ['name', 'creditCode', 'industry', 'classes', 'grade', 'gridCode', 'address'] as const;
type PatchableField = (typeof PATCHABLE)[number];

/**
 * Applies a validated merge-patch to the customer in place and returns the fields whose value
 * changed. An empty patch is refused; a patch that changes nothing returns an empty list.
 */
export function applyCustomerPatch(customer: CustomerEntity, patch: UpdateCustomerDto): PatchableField[] {
  const given = PATCHABLE.filter((f) => patch[f] !== undefined);
  if (given.length === 0) {
    throw new FieldValidationException([
      { field: 'body', message: `the patch changes nothing; give at least one of ${PATCHABLE.join(', ')}` },
    ]);
  }
  const changed: PatchableField[] = [];
  const set = <K extends PatchableField>(field: K, value: CustomerEntity[K]): void => {
    if (!sameValue(customer[field], value)) {
      customer[field] = value;
      changed.push(field);
    }
  };
  if (patch.name !== undefined) set('name', patch.name);
  if (patch.creditCode !== undefined) set('creditCode', patch.creditCode);
  if (patch.industry !== undefined) set('industry', patch.industry);
  if (patch.grade !== undefined) set('grade', patch.grade);
  if (patch.classes !== undefined)
    set('classes', normaliseClasses(patch.classes, customer.groupCode !== null));
  if (patch.gridCode !== undefined) set('gridCode', patch.gridCode);
  if (patch.address !== undefined) set('address', patch.address);
  return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => v === b[i]);
  return a === b;
}
