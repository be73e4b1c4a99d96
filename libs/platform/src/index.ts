export * from './http/page-query.dto';
export * from './http/problem-details.filter';
export * from './http/validation';
