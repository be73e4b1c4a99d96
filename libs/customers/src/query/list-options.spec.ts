import { FieldValidationException } from '@kaf/platform';
import { escapeLike } from './customer-query';
import { parseFields, parseSort, pickFields } from './list-options';

const SORTS = { name: 'c.name', createdAt: 'c.createdAt', grade: 'c.grade' };
const FALLBACK = [{ path: 'c.createdAt', direction: 'DESC' as const }];

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof FieldValidationException) return error.errors[0]?.field;
    throw error;
  }
  return undefined;
}

describe('parseSort', () => {
  it('uses the fallback when absent or blank', () => {
    expect(parseSort(undefined, SORTS, FALLBACK)).toEqual(FALLBACK);
    expect(parseSort(' ', SORTS, FALLBACK)).toEqual(FALLBACK);
  });

  it('reads keys in order, - meaning descending', () => {
    expect(parseSort('grade,-name', SORTS, FALLBACK)).toEqual([
      { path: 'c.grade', direction: 'ASC' },
      { path: 'c.name', direction: 'DESC' },
    ]);
  });

  it.each(['status', 'name,', '--name', 'constructor', 'name,-name'])('refuses %j naming sort', (value) => {
    expect(fieldOf(() => parseSort(value, SORTS, FALLBACK))).toBe('sort');
  });
});

describe('parseFields', () => {
  const FIELDS = ['id', 'name', 'status'] as const;

  it('returns undefined (every field) when absent', () => {
    expect(parseFields(undefined, FIELDS)).toBeUndefined();
  });

  it('always includes id', () => {
    expect([...parseFields('name', FIELDS)!]).toEqual(['id', 'name']);
  });

  it('refuses unknown fields naming fields', () => {
    expect(fieldOf(() => parseFields('name,secret', FIELDS))).toBe('fields');
  });

  it('picks only the selected fields', () => {
    const view = { id: '1', name: 'n', status: 'active' };
    expect(pickFields(view, parseFields('status', FIELDS))).toEqual({ id: '1', status: 'active' });
    expect(pickFields(view, undefined)).toBe(view);
  });
});

describe('escapeLike', () => {
  it('escapes wildcards and the escape character', () => {
    expect(escapeLike('50%_off\\')).toBe('50\\%\\_off\\\\');
  });
});
