/** Tables owned by the escalations capability, for the node's DataSource. */
export const ESCALATIONS_ENTITIES = [];
export const ESCALATIONS_MIGRATIONS = [];
