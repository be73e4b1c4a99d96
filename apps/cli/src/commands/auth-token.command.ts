import { isRole, type Role, ROLES } from '@kaf/auth';
import { Topology, TopologyError } from '@kaf/federation';
import { mintDevToken } from '../auth/mint-token';
import { formatTtl, parseTtl, TtlError } from '../auth/ttl';
import { type CliCommand, type CliContext, parseOptions, UsageError } from './command';
import {
  displayPath,
  resolveRunDir,
  resolveTopologyFile,
  RUN_DIR_OPTION,
  runDirHelp,
  TOPOLOGY_OPTION,
  DEFAULT_TOPOLOGY,
} from './federation-options';

const DEFAULT_TTL = '8h';
const MAX_NAME_LENGTH = 100;

const HELP = `Usage: auth token --role ROLE --node CODE [options]

Mints a development bearer token signed with the key of a local federation
(<run-dir>/auth/signing-key.pem, created by 'federation up'). Prints only the
token on stdout, so that TOKEN=$(... auth token ...) works; a summary goes to stderr.

Options:
  --role ROLE        a role the token carries; repeat it (or separate with commas)
                     for several: ${ROLES.join(', ')}
  --node CODE        the node the principal belongs to (it reaches that node's
                     subtree); must be in the topology
  --subject S        the principal (default: <first role>@<node>); required for
                     account_manager, whose subject is the manager's staff id
  --name NAME        display name recorded in audit entries
  --ttl DURATION     lifetime: 90s, 30m, 8h, 7d ... at most 30d (default: ${DEFAULT_TTL})
  --topology FILE    topology file (default: ${DEFAULT_TOPOLOGY})
${runDirHelp(21)}
  -h, --help         show this help

Example:
  TOKEN=$(node dist/apps/cli/src/main.js auth token --role city_admin --node 440300)
  curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:3003/api/v1/customers

Exit status: 0 when a token was printed, 1 when it cannot be signed (no federation
key yet), 2 on bad usage.`;

export interface TokenRequestOptions {
  roles: Role[];
  node: string;
  subject: string;
  name: string | undefined;
  ttlSeconds: number;
}

/** Checks the command line against the roles, the topology and the lifetime rules. */
export function tokenRequest(
  raw: { roles: string[]; node?: string; subject?: string; name?: string; ttl?: string },
  topology: Topology,
): TokenRequestOptions {
  const roles = [...new Set(raw.roles.flatMap((r) => r.split(',')).map((r) => r.trim()))].filter(Boolean);
  if (roles.length === 0) throw new UsageError(`--role is required (one of ${ROLES.join(', ')})`);
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0) {
    throw new UsageError(`--role: unknown role ${unknown.join(', ')} (expected ${ROLES.join(', ')})`);
  }
  const node = raw.node?.trim().toUpperCase();
  if (!node) throw new UsageError('--node is required (a node code of the topology, e.g. 440300)');
  if (!topology.find(node)) {
    throw new UsageError(
      `--node: ${node} is not in the topology (known: ${topology
        .nodes()
        .map((n) => n.code)
        .join(', ')})`,
    );
  }
  const subject = raw.subject?.trim();
  if (raw.subject !== undefined && !subject) throw new UsageError('--subject must not be empty');
  if (!subject && roles.includes('account_manager')) {
    throw new UsageError("--subject is required with account_manager: the manager's staff id");
  }
  if (raw.name !== undefined && (raw.name.trim() === '' || raw.name.length > MAX_NAME_LENGTH)) {
    throw new UsageError(`--name must be 1 to ${MAX_NAME_LENGTH} characters`);
  }
  let ttlSeconds: number;
  try {
    ttlSeconds = parseTtl(raw.ttl ?? DEFAULT_TTL);
  } catch (error) {
    if (error instanceof TtlError) throw new UsageError(`--ttl: ${error.message}`);
    throw error;
  }
  return {
    roles: roles as Role[],
    node,
    subject: subject || `${roles[0]}@${node}`,
    name: raw.name?.trim(),
    ttlSeconds,
  };
}

export const authTokenCommand: CliCommand = {
  name: 'auth token',
  help: HELP,
  async run(argv, ctx) {
    const values = parseOptions(argv, {
      role: { type: 'string', multiple: true },
      node: { type: 'string' },
      subject: { type: 'string' },
      name: { type: 'string' },
      ttl: { type: 'string' },
      ...TOPOLOGY_OPTION,
      ...RUN_DIR_OPTION,
    });
    if (!values) {
      ctx.out(HELP);
      return 0;
    }
    const topologyFile = resolveTopologyFile(ctx, values.string('topology'));
    let topology: Topology;
    try {
      topology = Topology.load(topologyFile);
    } catch (error) {
      if (error instanceof TopologyError) throw new UsageError(`--topology: ${error.message}`);
      throw error;
    }
    const request = tokenRequest(
      {
        roles: values.strings('role'),
        node: values.string('node'),
        subject: values.string('subject'),
        name: values.string('name'),
        ttl: values.string('ttl'),
      },
      topology,
    );
    return printToken(resolveRunDir(ctx, values.string('run-dir')), request, ctx);
  },
};

async function printToken(runDir: string, request: TokenRequestOptions, ctx: CliContext): Promise<number> {
  const token = await mintDevToken(runDir, request);
  const expires = new Date(Date.now() + request.ttlSeconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');
  ctx.out(token);
  ctx.err(
    `token for ${request.subject} (${request.roles.join(', ')}) at node ${request.node}, ` +
      `valid ${formatTtl(request.ttlSeconds)} until ${expires}; key ${displayPath(ctx, runDir)}/auth`,
  );
  return 0;
}
