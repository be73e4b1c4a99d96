/** Tables owned by the service-policy capability, for the node's DataSource. */
export const SERVICE_POLICY_ENTITIES = [];
export const SERVICE_POLICY_MIGRATIONS = [];
