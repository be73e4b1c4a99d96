import { FieldValidationException } from '@kaf/platform';
import { parseImportCsv, safeCell } from './customer-csv';

describe('parseImportCsv', () => {
  it('reads rows with the line each starts on, even after a quoted multi-line cell', () => {
    const rows = parseImportCsv(
      [
        'name,creditCode,industry,grade,address',
        'Alpha,91440300000000001X,I,A,"Line one',
        'line two"',
        '',
        'Beta,91440300000000002X,C,B,',
      ].join('\n'),
    );
    expect(rows.map((r) => r.line)).toEqual([2, 5]);
    expect(rows[0]!.values.address).toBe('Line one\nline two');
    expect(rows[1]!.values).toEqual({
      name: 'Beta',
      creditCode: '91440300000000002X',
      industry: 'C',
      grade: 'B',
    });
  });

  it('strips a UTF-8 byte-order mark and ignores export-only columns', () => {
    const rows = parseImportCsv('\uFEFFid,name,creditCode,industry,grade,status\nx,Alpha,C1,I,A,active\n');
    expect(rows[0]!.values).toEqual({ name: 'Alpha', creditCode: 'C1', industry: 'I', grade: 'A' });
  });

  it.each([
    ['an empty file', ''],
    ['a header only', 'name,creditCode,industry,grade\n'],
    ['an unknown column', 'name,creditCode,industry,grade,revenue\nA,B,C,D,E'],
    ['a missing required column', 'name,industry,grade\nA,I,A'],
    ['a repeated column', 'name,name,creditCode,industry,grade\nA,A,B,I,A'],
    ['a ragged row', 'name,creditCode,industry,grade\nA,B,I'],
    ['an unterminated quote', 'name,creditCode,industry,grade\n"A,B,I,A'],
  ])('refuses %s as a whole, naming the file', (_case, text) => {
    expect(() => parseImportCsv(text)).toThrow(FieldValidationException);
    try {
      parseImportCsv(text);
    } catch (error) {
      expect((error as FieldValidationException).errors[0]!.field).toBe('file');
    }
  });
});

describe('safeCell', () => {
  it('defuses spreadsheet formulas and leaves other text alone', () => {
    expect(safeCell('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(safeCell('+86 755')).toBe("'+86 755");
    expect(safeCell('深圳')).toBe('深圳');
    expect(safeCell(null)).toBe('');
  });
});
