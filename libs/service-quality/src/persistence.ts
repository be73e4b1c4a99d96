/** Tables owned by the service-quality capability, for the node's DataSource. */
export const SERVICE_QUALITY_ENTITIES = [];
export const SERVICE_QUALITY_MIGRATIONS = [];
