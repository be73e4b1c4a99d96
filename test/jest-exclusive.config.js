// The suites that stop, kill or restart the shared Kafka broker, alone and one at a time
// (test/exclusive-suites.js).
const base = require('./jest-integration.config.js');
const { EXCLUSIVE } = require('./exclusive-suites.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: EXCLUSIVE.map((p) => `<rootDir>/${p}`),
  testPathIgnorePatterns: [],
  maxWorkers: 1,
};
