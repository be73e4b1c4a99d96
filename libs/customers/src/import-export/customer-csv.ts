import { type CsvImportRow, parseCsvImport } from '@kaf/platform';

/** Columns an import file may carry; `name`, `creditCode`, `industry` and `grade` are required. */
export const IMPORT_COLUMNS = [
  'name',
  'creditCode',
  'industry',
  'grade',
  'classes',
  'gridCode',
  'address',
  'managerStaffId',
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly ImportColumn[] = ['name', 'creditCode', 'industry', 'grade'];

/** Columns an export adds; an exported file can be imported again, these are then ignored. */
export const EXPORT_ONLY_COLUMNS = [
  'id',
  'cityCode',
  'status',
  'groupCode',
  'version',
  'createdAt',
  'updatedAt',
] as const;
export const EXPORT_COLUMNS = ['id', ...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS.slice(1)] as const;

/** Several classes share one cell, separated by `|`. */
export const CLASS_SEPARATOR = '|';
export const MAX_IMPORT_ROWS = 50_000;

export type CsvRow = CsvImportRow<ImportColumn>;

/**
 * Parses an import file: a header row naming known columns, then one customer per record.
 * Problems with the file as a whole are a 400 naming the file; problems of single rows are
 * judged later, row by row.
 */
export function parseImportCsv(text: string): CsvRow[] {
  return parseCsvImport(text, {
    columns: IMPORT_COLUMNS,
    required: REQUIRED_COLUMNS,
    ignored: EXPORT_ONLY_COLUMNS,
    records: 'customers',
    maxRows: MAX_IMPORT_ROWS,
  });
}

/**
 * A cell as it goes into an exported file. Text starting with = + - @ (or a tab/CR) is prefixed
 * with an apostrophe so that spreadsheet programs do not run it as a formula.
 */
export function safeCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
