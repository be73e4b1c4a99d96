import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import {
  CreateBillingAccountDto,
  TransferBillingAccountDto,
  UpdateBillingAccountDto,
} from './billing-account.dto';

/** The names of the invalid fields of `body` read as `type`. */
function invalidFields(type: new () => object, body: Record<string, unknown>): string[] {
  const errors = validateSync(plainToInstance(type, body), { whitelist: true, forbidNonWhitelisted: true });
  return errors.map((e) => e.property).sort();
}

const VALID = { source: 'boss-billing', accountNumber: '4403-0000123', openedOn: '2026-01-15' };

describe('billing account request bodies', () => {
  it('accepts a complete account and the optional members', () => {
    expect(invalidFields(CreateBillingAccountDto, VALID)).toEqual([]);
    expect(
      invalidFields(CreateBillingAccountDto, { ...VALID, closedOn: null, paidByAccount: '4403-GROUP.01' }),
    ).toEqual([]);
  });

  it('names each bad or missing member', () => {
    expect(invalidFields(CreateBillingAccountDto, {})).toEqual(['accountNumber', 'openedOn', 'source']);
    expect(
      invalidFields(CreateBillingAccountDto, {
        source: ' boss',
        accountNumber: '4403 0000123',
        openedOn: '2026-02-30',
        closedOn: '2026-13-01',
        paidByAccount: 'x'.repeat(65),
        extra: 1,
      }),
    ).toEqual(['accountNumber', 'closedOn', 'extra', 'openedOn', 'paidByAccount', 'source']);
    expect(invalidFields(CreateBillingAccountDto, { ...VALID, accountNumber: 4403 })).toEqual([
      'accountNumber',
    ]);
  });

  it('patches with absent members kept and null reopening or clearing', () => {
    expect(invalidFields(UpdateBillingAccountDto, {})).toEqual([]);
    expect(invalidFields(UpdateBillingAccountDto, { closedOn: null, paidByAccount: null })).toEqual([]);
    expect(invalidFields(UpdateBillingAccountDto, { openedOn: null, closedOn: '31/12/2026' })).toEqual([
      'closedOn',
      'openedOn',
    ]);
  });

  it('transfers to a customer id from a billing month', () => {
    const to = '0190e000-0000-7000-8000-000000000001';
    expect(invalidFields(TransferBillingAccountDto, { toCustomerId: to, fromMonth: '2026-07' })).toEqual([]);
    expect(invalidFields(TransferBillingAccountDto, { toCustomerId: 'x', fromMonth: '2026-7' })).toEqual([
      'fromMonth',
      'toCustomerId',
    ]);
  });
});
