import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { FieldValidationException } from '@kaf/platform';
import { applyCustomerPatch } from './customer-patch';
import { CustomerEntity } from './customer.entity';
import { UpdateCustomerDto } from './update-customer.dto';

const VALID_CODE = '91440300MA5D7XKX0K';

function customer(overrides: Partial<CustomerEntity> = {}): CustomerEntity {
  return Object.assign(new CustomerEntity(), {
    id: '0190e000-0000-7000-8000-000000000001',
    cityCode: '440300',
    name: 'Old name',
    creditCode: VALID_CODE,
    industry: 'I',
    classes: ['important'],
    grade: 'B',
    status: 'active',
    statusReason: null,
    gridCode: 'SZ-1',
    address: 'Somewhere',
    managerId: null,
    managerStaffId: null,
    groupCode: null,
    version: '1',
    createdAt: new Date(),
    updatedAt: new Date(),
    createdBy: 'x',
    ...overrides,
  });
}

/** The validated DTO, or the names of the invalid fields. */
function parse(body: Record<string, unknown>): UpdateCustomerDto | string[] {
  const dto = plainToInstance(UpdateCustomerDto, body);
  const errors = validateSync(dto, { whitelist: true, forbidNonWhitelisted: true });
  return errors.length ? errors.map((e) => e.property) : dto;
}

function patch(
  body: Record<string, unknown>,
  target = customer(),
): { target: CustomerEntity; changed: string[] } {
  const dto = parse(body);
  if (Array.isArray(dto)) throw new Error(`invalid: ${dto.join(', ')}`);
  return { target, changed: applyCustomerPatch(target, dto) };
}

describe('customer merge-patch', () => {
  it('changes only the fields given', () => {
    const { target, changed } = patch({ name: 'New name' });
    expect(changed).toEqual(['name']);
    expect(target).toMatchObject({ name: 'New name', grade: 'B', gridCode: 'SZ-1', address: 'Somewhere' });
  });

  it('removes optional fields given as null', () => {
    const { target, changed } = patch({ gridCode: null, address: null });
    expect(changed).toEqual(['gridCode', 'address']);
    expect(target.gridCode).toBeNull();
    expect(target.address).toBeNull();
  });

  it.each(['name', 'creditCode', 'industry', 'classes', 'grade'])('refuses null for required %s', (field) => {
    expect(parse({ [field]: null })).toEqual([field]);
  });

  it.each([
    ['status', 'active'],
    ['managerId', '0190e000-0000-7000-8000-000000000002'],
    ['groupCode', 'G1'],
    ['statusReason', null],
  ])('refuses %s, which has its own endpoint', (field, value) => {
    expect(parse({ [field]: value })).toEqual([field]);
  });

  it('refuses group_member set by hand and unknown fields', () => {
    expect(parse({ classes: ['group_member'] })).toEqual(['classes']);
    expect(parse({ version: '7' })).toEqual(['version']);
  });

  it('refuses an empty patch', () => {
    expect(() => patch({})).toThrow(FieldValidationException);
  });

  it('reports no change when values are equal', () => {
    expect(patch({ name: 'Old name', classes: ['important'] }).changed).toEqual([]);
  });

  it('keeps group_member while the customer is in a group', () => {
    const { target } = patch(
      { classes: ['strategic', 'important'] },
      customer({ groupCode: 'G1', classes: ['group_member'] }),
    );
    expect(target.classes).toEqual(['important', 'strategic', 'group_member']);
  });

  it('normalises a lower-case credit code before validating it', () => {
    const { target, changed } = patch(
      { creditCode: VALID_CODE.toLowerCase() },
      customer({ creditCode: 'X' }),
    );
    expect(changed).toEqual(['creditCode']);
    expect(target.creditCode).toBe(VALID_CODE);
  });
});
