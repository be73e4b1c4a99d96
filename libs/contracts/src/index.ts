// Protobuf contracts of the payloads that travel between nodes (generated from proto/).
export * from './gen/kaf/federation/v1/node_status_pb';
export * from './gen/kaf/federation/v1/probe_pb';
export * from './gen/kaf/federation/v1/documents_pb';
export * from './gen/kaf/federation/v1/figures_pb';
export * from './gen/kaf/customers/v1/customer_snapshot_pb';
export * from './gen/kaf/groups/v1/group_customer_pb';
export * from './gen/kaf/groups/v1/group_registry_resync_pb';
export * from './gen/kaf/billing/v1/customer_usage_pb';
export * from './gen/kaf/billing/v1/customer_arrears_pb';
export * from './gen/kaf/rollups/v1/usage_slice_pb';
export * from './gen/kaf/rollups/v1/arrears_slice_pb';
export * from './gen/kaf/rollups/v1/billing_policy_pb';
export * from './gen/kaf/onestop/v1/circuit_segments_pb';
export * from './gen/kaf/onestop/v1/circuit_quotes_pb';
export * from './gen/kaf/onestop/v1/circuit_coordination_pb';
export * from './gen/kaf/onestop/v1/circuit_settlement_pb';
