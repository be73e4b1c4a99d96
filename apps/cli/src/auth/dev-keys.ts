import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSigningKeyPair } from '@kaf/auth';

/** Where a local federation keeps the key pair its development tokens are signed with. */
export function devKeyFiles(runDir: string): { privateKeyFile: string; publicKeyFile: string } {
  return {
    privateKeyFile: join(runDir, 'auth', 'signing-key.pem'),
    publicKeyFile: join(runDir, 'auth', 'public-key.pem'),
  };
}

/** Creates the run directory's development signing key pair unless it exists. */
export function ensureDevKeys(runDir: string): { privateKeyFile: string; publicKeyFile: string } {
  const files = devKeyFiles(runDir);
  if (existsSync(files.privateKeyFile) && existsSync(files.publicKeyFile)) return files;
  mkdirSync(join(runDir, 'auth'), { recursive: true, mode: 0o700 });
  const pair = generateSigningKeyPair();
  writeFileSync(`${files.privateKeyFile}.tmp`, pair.privateKeyPem, { mode: 0o600 });
  writeFileSync(`${files.publicKeyFile}.tmp`, pair.publicKeyPem);
  renameSync(`${files.privateKeyFile}.tmp`, files.privateKeyFile);
  renameSync(`${files.publicKeyFile}.tmp`, files.publicKeyFile);
  return files;
}

export function readPrivateKey(runDir: string): string {
  const { privateKeyFile } = devKeyFiles(runDir);
  if (!existsSync(privateKeyFile)) {
    throw new Error(`no signing key at ${privateKeyFile}: start a federation first (federation up)`);
  }
  return readFileSync(privateKeyFile, 'utf8');
}
