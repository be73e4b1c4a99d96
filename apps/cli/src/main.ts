import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type CliContext, type CommandEntry, UsageError } from './commands/command';
import { COMMANDS } from './commands';

const PROGRAM = 'node dist/apps/cli/src/main.js';

/** The repository root: four levels above dist/apps/cli/src, else the working directory. */
function findRepoRoot(): string {
  const fromBuild = resolve(__dirname, '..', '..', '..', '..');
  return existsSync(join(fromBuild, 'package.json')) ? fromBuild : process.cwd();
}

function overview(commands: readonly CommandEntry[], prefix = ''): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${PROGRAM} ${prefix ? `${prefix} ` : ''}<command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    `Run '${PROGRAM} <command> --help' for a command's options.`,
  ].join('\n');
}

/** The command whose words start `argv` (longest match wins), and the remaining arguments. */
function findCommand(argv: string[]): { command: CommandEntry; rest: string[] } | undefined {
  let best: { command: CommandEntry; rest: string[] } | undefined;
  for (const command of COMMANDS) {
    const words = command.name.split(' ');
    if (
      words.every((w, i) => argv[i] === w) &&
      (!best || words.length > best.command.name.split(' ').length)
    ) {
      best = { command, rest: argv.slice(words.length) };
    }
  }
  return best;
}

export async function main(argv: string[], ctx: CliContext): Promise<number> {
  const found = findCommand(argv);
  if (!found) {
    const isHelp = (a: string | undefined): boolean => a === '--help' || a === '-h' || a === 'help';
    // A group word (e.g. `federation`) lists that group's commands.
    const group = COMMANDS.filter((c) => argv.length > 0 && c.name.startsWith(`${argv[0]} `));
    if (group.length === 0) {
      if (argv.length === 1 && isHelp(argv[0])) {
        ctx.out(overview(COMMANDS));
        return 0;
      }
      ctx.err(`${argv.length > 0 ? `unknown command: ${argv.join(' ')}\n\n` : ''}${overview(COMMANDS)}`);
      return 2;
    }
    if (argv.length === 2 && isHelp(argv[1])) {
      ctx.out(overview(group, argv[0]));
      return 0;
    }
    ctx.err(`${argv.length > 1 ? `unknown command: ${argv.join(' ')}\n\n` : ''}${overview(group, argv[0])}`);
    return 2;
  }
  try {
    const command = await found.command.load();
    return await command.run(found.rest, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.err(
        `${found.command.name}: ${error.message}\nRun '${PROGRAM} ${found.command.name} --help' for usage.`,
      );
      return 2;
    }
    ctx.err(`${found.command.name}: ${error instanceof Error ? error.message : String(error)}`);
    if (process.env.KAF_CLI_DEBUG && error instanceof Error && error.stack) ctx.err(error.stack);
    return 1;
  }
}

if (require.main === module) {
  const repoRoot = findRepoRoot();
  const ctx: CliContext = {
    repoRoot,
    nodeEntry: join(repoRoot, 'dist', 'apps', 'node', 'src', 'main.js'),
    cwd: process.cwd(),
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  };
  main(process.argv.slice(2), ctx).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
