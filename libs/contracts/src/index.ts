// Protobuf contracts of the payloads that travel between nodes (generated from proto/).
export * from './gen/kaf/federation/v1/node_status_pb';
export * from './gen/kaf/federation/v1/probe_pb';
export * from './gen/kaf/customers/v1/customer_snapshot_pb';
export * from './gen/kaf/groups/v1/group_customer_pb';
export * from './gen/kaf/groups/v1/group_registry_resync_pb';
