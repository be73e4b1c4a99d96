// The city's account-manager chain (客户经理 → supervisor → 首席客户经理): staff data, kept at the city.
export * from './account-managers.module';
export { AccountManagerDirectory, type ManagerRef } from './account-manager.directory';
export { MANAGER_TITLES, type ManagerTitle } from './domain/manager-chain';
export { ACCOUNT_MANAGERS_ENTITIES, ACCOUNT_MANAGERS_MIGRATIONS } from './persistence';
