// Suites that stop, kill or restart the shared Kafka broker. Every other suite would see the
// outage, so `npm test` runs these alone, one after the other, after the rest
// (test/jest-exclusive.config.js); the integration and e2e configs leave them out when
// KAF_SPLIT_EXCLUSIVE=1. Listed here once; a suite that controls the broker and is missing from
// the list fails the configuration, so the list cannot fall behind.
const { readdirSync, readFileSync, statSync } = require('node:fs');
const { join, relative } = require('node:path');

const EXCLUSIVE = ['test/messaging/delivery-guarantees.int-spec.ts', 'test/rollups/ground-truth.e2e-spec.ts'];

const root = join(__dirname, '..');
const BROKER_CONTROL = /\bbroker\.(restart|kill|up)\(/;

function specFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return specFiles(path);
    return /\.(int|e2e)-spec\.ts$/.test(name) ? [path] : [];
  });
}

const unlisted = specFiles(join(root, 'test'))
  .filter((path) => BROKER_CONTROL.test(readFileSync(path, 'utf8')))
  .map((path) => relative(root, path))
  .filter((path) => !EXCLUSIVE.includes(path));
if (unlisted.length > 0) {
  throw new Error(
    `suites that control the Kafka broker must be listed in test/exclusive-suites.js: ${unlisted.join(', ')}`,
  );
}

/** testPathIgnorePatterns for the shared configs when `npm test` runs the exclusive suites apart. */
const exclusiveIgnored = () =>
  process.env.KAF_SPLIT_EXCLUSIVE === '1'
    ? EXCLUSIVE.map((p) => `<rootDir>/${p.replace(/\./g, '\\.')}$`)
    : [];

module.exports = { EXCLUSIVE, exclusiveIgnored };
