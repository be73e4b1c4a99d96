// Integration suites: real PostgreSQL, Kafka and Redis, nodes as real processes (see test/support).
const base = require('../jest.config.js');
const { exclusiveIgnored } = require('./exclusive-suites.js');

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  rootDir: require('node:path').join(__dirname, '..'),
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...exclusiveIgnored()],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 240_000,
  maxWorkers: 1,
};
