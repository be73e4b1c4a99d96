import { isAbsolute, relative, resolve } from 'node:path';
import { type CliCommand, type CliContext, parseOptions } from './command';

export const DEFAULT_RUN_DIR = '.run/federation';

export const RUN_DIR_OPTION = { 'run-dir': { type: 'string' } } as const;

export const DEFAULT_TOPOLOGY = 'deploy/topology/dev.json';

export const TOPOLOGY_OPTION = { topology: { type: 'string' } } as const;

/** An explicit topology file is taken relative to the working directory; the default, to the repository. */
export function resolveTopologyFile(ctx: CliContext, value: string | undefined): string {
  if (value === undefined) return resolve(ctx.repoRoot, DEFAULT_TOPOLOGY);
  return resolvePath(ctx, value);
}

/** Help lines for `--run-dir`, its description starting at column `column`. */
export function runDirHelp(column: number): string {
  const indent = ' '.repeat(column);
  return [
    `  ${'--run-dir DIR'.padEnd(column - 2)}where state.json and logs/ live`,
    `${indent}(default: ${DEFAULT_RUN_DIR} in the repository)`,
  ].join('\n');
}

/** A command whose one option is `--run-dir`: `body` runs with the directory resolved. */
export function runDirCommand(
  name: string,
  help: string,
  body: (runDir: string, ctx: CliContext) => Promise<number>,
): CliCommand {
  return {
    name,
    help,
    async run(argv, ctx) {
      const values = parseOptions(argv, { ...RUN_DIR_OPTION });
      if (!values) {
        ctx.out(help);
        return 0;
      }
      return body(resolveRunDir(ctx, values.string('run-dir')), ctx);
    },
  };
}

/** An explicit path is taken relative to the working directory; the default, to the repository. */
export function resolveRunDir(ctx: CliContext, value: string | undefined): string {
  if (value === undefined) return resolve(ctx.repoRoot, DEFAULT_RUN_DIR);
  return isAbsolute(value) ? value : resolve(ctx.cwd, value);
}

export function resolvePath(ctx: CliContext, value: string): string {
  return isAbsolute(value) ? value : resolve(ctx.cwd, value);
}

/** `path` relative to the working directory when it lies beneath it, else absolute. */
export function displayPath(ctx: CliContext, path: string): string {
  const r = relative(ctx.cwd, path);
  return r && !r.startsWith('..') && !isAbsolute(r) ? r : path;
}
