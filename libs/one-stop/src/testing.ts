// Test entry point (@kaf/one-stop/testing): the quote claim the circuit orders make in their own
// transaction, driven directly against a real database by the integration suites.
export { CircuitQuotes } from './quotes/circuit-quotes';
