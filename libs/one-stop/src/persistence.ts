import type { MigrationInterface } from 'typeorm';

/** Tables owned by the one-stop capability, for the node's DataSource. */
export const ONE_STOP_ENTITIES: (new () => object)[] = [];
export const ONE_STOP_MIGRATIONS: (new () => MigrationInterface)[] = [];
