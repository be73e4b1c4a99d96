// Test entry point (@kaf/messaging/testing), for suites and benchmarks that play a node on the
// wire: they write and read envelopes on the topics directly. Product code publishes through the
// outbox and handles InboundMessage, so the wire format stays out of the public index.
export {
  type DeadLetter,
  DeadLetterSchema,
  type Envelope,
  EnvelopeSchema,
} from './gen/kaf/messaging/v1/envelope_pb';
