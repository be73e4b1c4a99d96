import { parse } from 'csv-parse/sync';
import { FieldValidationException } from '@kaf/platform';

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

export interface CsvRow {
  /** Line of the file the record starts on (the header is line 1). */
  line: number;
  values: Partial<Record<ImportColumn, string>>;
}

/**
 * Parses an import file: a header row naming known columns, then one customer per record.
 * Problems with the file as a whole (no header, unknown or missing columns, broken quoting, too
 * many rows) are a 400 naming the file; problems of single rows are judged later, row by row.
 */
export function parseImportCsv(text: string): CsvRow[] {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: false,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    throw fileProblem(`not a readable CSV file: ${(error as Error).message}`);
  }
  const [header, ...rows] = records;
  if (!header) throw fileProblem('the file is empty; the first line must name the columns');
  const columns = header.record.map((c) => c.trim());
  const known = new Set<string>([...IMPORT_COLUMNS, ...EXPORT_ONLY_COLUMNS]);
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length) {
    throw fileProblem(
      `unknown column ${JSON.stringify(unknown[0])}; columns are ${IMPORT_COLUMNS.join(', ')}`,
    );
  }
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate) throw fileProblem(`column ${JSON.stringify(duplicate)} appears twice`);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) throw fileProblem(`missing required column ${missing.join(', ')}`);
  if (rows.length === 0) throw fileProblem('the file has a header but no customers');
  if (rows.length > MAX_IMPORT_ROWS) {
    throw fileProblem(`${rows.length} rows; at most ${MAX_IMPORT_ROWS} per file`);
  }
  return rows.map(({ record, info }) => {
    const values: Partial<Record<ImportColumn, string>> = {};
    columns.forEach((column, i) => {
      const cell = record[i] ?? '';
      if ((IMPORT_COLUMNS as readonly string[]).includes(column) && cell !== '') {
        values[column as ImportColumn] = cell;
      }
    });
    // csv-parse counts the lines read so far; a record spanning several lines starts earlier.
    return { line: info.lines - (record.join(',').split('\n').length - 1), values };
  });
}

function fileProblem(message: string): FieldValidationException {
  return new FieldValidationException([{ field: 'file', message }]);
}

/**
 * A cell as it goes into an exported file. Text starting with = + - @ (or a tab/CR) is prefixed
 * with an apostrophe so that spreadsheet programs do not run it as a formula.
 */
export function safeCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
