export * from './http/page-query.dto';
export * from './http/problem-details.filter';
export * from './http/validation';
export * from './ids/uuid-v7';
export * from './cache/latest-version-cache';
export * from './calendar/billing-months';
export * from './calendar/business-dates';
export { SHANGHAI_ZONE } from './calendar/shanghai';
export * from './calendar/requested-months';
