import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs once before the integration and e2e suites: the servers must be up (the project's own
 * scripts start them; idempotent) and the node must be built, since suites run it as a process.
 */
export default function globalSetup(): void {
  const root = join(__dirname, '../..');
  execFileSync('bash', [join(root, 'scripts/infra/up.sh')], { stdio: 'inherit' });
  if (!existsSync(join(root, 'dist/apps/node/src/main.js'))) {
    execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
}
