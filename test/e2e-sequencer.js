// The order of the e2e files, two at a time (`--maxWorkers=2`): longest first, so that both workers
// finish together. With the durations of an earlier run in its cache, Jest orders by them; a fresh
// clone has none, and Jest falls back to file size, which says little about an e2e file (its time
// goes into node boots and waits; a spec running suites of `*.cases.ts` is small). There the files
// below, the longest of the last measurements (docs/benchmarks.md, "The test suite"), go first in
// this order, and the rest follow by size.
const { relative } = require('node:path');
const Sequencer = require('@jest/test-sequencer').default;

const LONGEST_FIRST = [
  // Its SLA clocks wait out a three-minute restore target; six nodes boot for five suites.
  'test/service-assurance/service-assurance.e2e-spec.ts',
  'test/one-stop/cross-region-order.e2e-spec.ts',
  'test/one-stop/circuit-orders-sla.e2e-spec.ts',
  'test/rollups/province-feed.e2e-spec.ts',
  'test/billing/province-billing.e2e-spec.ts',
];

class E2eSequencer extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    if (sorted.some((test) => test.duration != null)) return sorted;
    const rank = (test) => {
      const i = LONGEST_FIRST.indexOf(relative(test.context.config.rootDir, test.path));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    // Array sort is stable: the rest keep Jest's order by size.
    return [...sorted].sort((a, b) => rank(a) - rank(b));
  }
}

module.exports = E2eSequencer;
