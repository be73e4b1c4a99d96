import { parseArgs, type ParseArgsConfig } from 'node:util';

/** What every command gets from the dispatcher. */
export interface CliContext {
  /** Repository root: where `dist/`, `deploy/` and the default run directory live. */
  repoRoot: string;
  /** Compiled node entry point started for each federation node. */
  nodeEntry: string;
  /** Directory relative paths in options are resolved against. */
  cwd: string;
  /** Results (tables, summaries). */
  out: (text: string) => void;
  /** Progress and problems. */
  err: (text: string) => void;
}

export interface CliCommand {
  /** Words that select the command, e.g. `federation up`. */
  readonly name: string;
  /** Full `--help` text. */
  readonly help: string;
  /** Runs the command; resolves to the process exit code. */
  run(argv: string[], ctx: CliContext): Promise<number>;
}

/**
 * A command as the dispatcher lists it. The module itself is loaded only when the command runs,
 * so that e.g. `federation down` works without loading what `federation up` needs.
 */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  load(): Promise<CliCommand>;
}

/** Bad command line: reported with the command's usage, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

type OptionsSpec = NonNullable<ParseArgsConfig['options']>;

/** Parsed option values, read by option name. */
export interface ParsedOptions {
  string(name: string): string | undefined;
  /** Every value of a repeatable option (`multiple: true`), in command-line order. */
  strings(name: string): string[];
  flag(name: string): boolean;
}

/**
 * Parses `argv` strictly against `options` (plus `--help`/`-h`). Returns undefined when help was
 * asked for.
 */
export function parseOptions(argv: string[], options: OptionsSpec): ParsedOptions | undefined {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help === true) return undefined;
  return {
    string: (name) => {
      const v = values[name];
      return typeof v === 'string' ? v : undefined;
    },
    strings: (name) => {
      const v = values[name];
      if (typeof v === 'string') return [v];
      return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
    },
    flag: (name) => values[name] === true,
  };
}

/** An integer option within [min, max]; `fallback` when absent. */
export function intOption(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number, got '${value}'`);
  const n = Number(value);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}
