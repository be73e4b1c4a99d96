import { FieldValidationException } from '../errors/domain-error';
import { importRejection, parseCsvImport } from './csv-import';

const LAYOUT = {
  columns: ['a', 'b', 'c'] as const,
  required: ['a'] as const,
  ignored: ['id'],
  records: 'things',
  maxRows: 2,
};

describe('parseCsvImport', () => {
  it("reads the layout's columns by line, leaving out empty cells and ignored columns", () => {
    const rows = parseCsvImport('id,a,c\n1,x,\n\n2,"multi\nline",z\n', LAYOUT);
    expect(rows).toEqual([
      { line: 2, values: { a: 'x' } },
      { line: 4, values: { a: 'multi\nline', c: 'z' } },
    ]);
  });

  it.each([
    ['too many rows', 'a\n1\n2\n3', /at most 2/],
    ['no records', 'a\n', /no things/],
    ['a missing required column', 'b\n1', /missing required column a/],
    ['an unknown column', 'a,d\n1,2', /unknown column "d"/],
  ])('refuses %s naming the file', (_case, text, message) => {
    try {
      parseCsvImport(text, LAYOUT);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(FieldValidationException);
      expect((error as FieldValidationException).errors[0]).toMatchObject({ field: 'file' });
      expect((error as FieldValidationException).errors[0]!.message).toMatch(message);
    }
  });
});

describe('importRejection', () => {
  it('lists the problems by line and counts the bad lines', () => {
    const rejection = importRejection(
      [
        { line: 5, field: 'b', message: 'bad' },
        { line: 2, field: 'a', message: 'bad' },
        { line: 5, field: 'c', message: 'bad' },
      ],
      9,
    );
    expect(rejection.code).toBe('unprocessable');
    expect(rejection.errors.map((e) => e.line)).toEqual([2, 5, 5]);
    expect(rejection.detail).toBe('2 of 9 rows are invalid (3 problems); nothing was imported');
  });
});
