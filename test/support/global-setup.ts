import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ensureTestSigningKeys } from './auth';

/**
 * Runs once before the integration and e2e suites: the servers must be up (the project's own
 * scripts start them; idempotent) and the node must be built, since suites run it as a process.
 */
export default function globalSetup(): void {
  const root = join(__dirname, '../..');
  execFileSync('bash', [join(root, 'scripts/infra/up.sh')], { stdio: 'inherit' });
  ensureTestSigningKeys();
  // `npm test` builds once before all suites; a suite run on its own builds here, so it never
  // exercises a stale dist/.
  if (process.env.KAF_BUILT !== '1' || !existsSync(join(root, 'dist/apps/node/src/main.js'))) {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  }
}
