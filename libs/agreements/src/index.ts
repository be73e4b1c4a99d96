// Service agreements (集团客户服务协议) of the city's customers and their renewal reminders.
export * from './agreements.module';
export type { AgreementsOptions } from './agreements.options';
export { AGREEMENTS_ENTITIES, AGREEMENTS_MIGRATIONS } from './persistence';
export { AgreementDirectory } from './directory/agreement.directory';
export { AgreementDirectoryModule } from './directory/agreement-directory.module';
