import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliContext } from '@kaf/cli/commands/command';
import { writeState } from '@kaf/cli/federation/federation-state';
import { ensureTestSigningKeys, TEST_AUTH_DIR } from './auth';
import type { FederationFixture } from './federation-fixture';
import type { NodeProcess } from './node-process';
import { REPO_ROOT } from './paths';

/**
 * A CLI run directory describing a fixture's nodes as `federation up` would record them, with the
 * suites' signing key, so that CLI commands talk to the fixture as to a local federation.
 */
export function recordFederation(
  fed: FederationFixture,
  nodes: readonly { node: NodeProcess; parent: string | null }[],
): string {
  const runDir = mkdtempSync(join(tmpdir(), 'kaf-cli-'));
  ensureTestSigningKeys();
  mkdirSync(join(runDir, 'auth'), { recursive: true });
  copyFileSync(join(TEST_AUTH_DIR, 'signing-key.pem'), join(runDir, 'auth', 'signing-key.pem'));
  copyFileSync(join(TEST_AUTH_DIR, 'public-key.pem'), join(runDir, 'auth', 'public-key.pem'));
  writeState(runDir, {
    version: 1,
    namespace: fed.namespace,
    topologyFile: join(REPO_ROOT, 'deploy/topology/dev.json'),
    updatedAt: new Date().toISOString(),
    nodes: nodes.map(({ node, parent }) => ({
      code: node.spec.code,
      name: node.spec.code,
      tier: node.spec.tier,
      parent,
      pid: process.pid,
      port: node.spec.port,
      db: node.spec.database,
      url: node.url,
      logFile: node.logFile,
      reportIntervalMs: 1000,
      startedAt: new Date().toISOString(),
    })),
  });
  return runDir;
}

/** A CLI context that keeps what the command prints. */
export function capturingContext(): CliContext & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    repoRoot: REPO_ROOT,
    nodeEntry: join(REPO_ROOT, 'dist/apps/node/src/main.js'),
    cwd: process.cwd(),
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
    stdout,
    stderr,
  };
}
