// Contact persons of enterprise customers: personal data that stays in the city's database.
export * from './contacts.module';
export { ContactDirectory } from './contact.directory';
export { idNumberCheckCharacter, idNumberProblem, isValidIdNumber } from './domain/resident-id-number';
export { maskEmail, maskIdNumber, maskMobile, maskName } from './domain/personal-data-masking';
export { CONTACTS_ENTITIES, CONTACTS_MIGRATIONS } from './persistence';
