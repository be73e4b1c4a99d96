// Message ids are UUIDv7 (time-ordered); the generator itself is a platform utility.
export { uuidv7 } from '@kaf/platform';
