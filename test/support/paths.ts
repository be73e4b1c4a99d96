import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The checkout's root, found from here whether running from sources or from dist/. */
export const REPO_ROOT = ((): string => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${__dirname}`);
})();
