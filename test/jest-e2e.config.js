// End-to-end suites: several nodes of a federation as real processes against the real servers.
const base = require('./jest-integration.config.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  testSequencer: '<rootDir>/test/e2e-sequencer.js',
};
