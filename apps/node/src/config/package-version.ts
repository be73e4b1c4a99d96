import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The project's version, from the nearest package.json above this file (source or dist). */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'kaf-federation' && pkg.version) return pkg.version;
    }
  }
  return '0.0.0-unknown';
}
