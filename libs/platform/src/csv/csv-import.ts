import { parse } from 'csv-parse/sync';
import type { ValidationError } from 'class-validator';
import { type FieldError, FieldValidationException } from '../errors/domain-error';

/** The columns an import file of one kind may carry. */
export interface CsvImportLayout<C extends string> {
  /** Columns read into `values`. */
  columns: readonly C[];
  /** Columns every file must have. */
  required: readonly C[];
  /** Columns accepted and ignored (e.g. those an export adds). */
  ignored?: readonly string[];
  /** What one record is, for messages: "customers", "accounts". */
  records: string;
  maxRows: number;
}

export interface CsvImportRow<C extends string> {
  /** Line of the file the record starts on (the header is line 1). */
  line: number;
  /** Non-empty cells of the layout's columns. */
  values: Partial<Record<C, string>>;
}

/** A report lists at most this many problems; the count says how many there were. */
const MAX_REPORTED_ERRORS = 1000;

/**
 * Parses an import file (ADR 0012): a header row naming known columns, then one record per row.
 * Problems with the file as a whole (no header, unknown, repeated or missing columns, broken
 * quoting, too many rows) are a 400 naming `file`; problems of single rows are the caller's to
 * judge, row by row, and to report with `importRejection`.
 */
export function parseCsvImport<C extends string>(
  text: string,
  layout: CsvImportLayout<C>,
): CsvImportRow<C>[] {
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
  const known = new Set<string>([...layout.columns, ...(layout.ignored ?? [])]);
  const unknown = columns.filter((c) => !known.has(c));
  if (unknown.length) {
    throw fileProblem(
      `unknown column ${JSON.stringify(unknown[0])}; columns are ${layout.columns.join(', ')}`,
    );
  }
  const duplicate = columns.find((c, i) => columns.indexOf(c) !== i);
  if (duplicate) throw fileProblem(`column ${JSON.stringify(duplicate)} appears twice`);
  const missing = layout.required.filter((c) => !columns.includes(c));
  if (missing.length) throw fileProblem(`missing required column ${missing.join(', ')}`);
  if (rows.length === 0) throw fileProblem(`the file has a header but no ${layout.records}`);
  if (rows.length > layout.maxRows) {
    throw fileProblem(`${rows.length} rows; at most ${layout.maxRows} per file`);
  }
  const read = new Set<string>(layout.columns);
  return rows.map(({ record, info }) => {
    const values: Partial<Record<C, string>> = {};
    columns.forEach((column, i) => {
      const cell = record[i] ?? '';
      if (read.has(column) && cell !== '') values[column as C] = cell;
    });
    // csv-parse counts the lines read so far; a record spanning several lines starts earlier.
    return { line: info.lines - (record.join(',').split('\n').length - 1), values };
  });
}

/** class-validator errors of the record on `line`, as field errors (nested fields dotted). */
export function rowErrors(errors: readonly ValidationError[], line: number, prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    return [
      ...Object.values(e.constraints ?? {}).map((message) => ({ line, field, message })),
      ...rowErrors(e.children ?? [], line, field),
    ];
  });
}

/** The 422 refusing a whole file: every problem by line and field, and nothing written. */
export function importRejection(errors: readonly FieldError[], rows: number): FieldValidationException {
  const badLines = new Set(errors.map((e) => e.line)).size;
  const sorted = [...errors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return new FieldValidationException(sorted.slice(0, MAX_REPORTED_ERRORS), {
    code: 'unprocessable',
    title: 'Import rejected',
    detail: `${badLines} of ${rows} rows are invalid (${errors.length} problems${
      errors.length > MAX_REPORTED_ERRORS ? `, first ${MAX_REPORTED_ERRORS} listed` : ''
    }); nothing was imported`,
  });
}

function fileProblem(message: string): FieldValidationException {
  return new FieldValidationException([{ field: 'file', message }]);
}
