import { type ArgumentMetadata, ParseUUIDPipe, ValidationPipe, type ValidationError } from '@nestjs/common';
import { FieldValidationException } from '../errors/domain-error';

/**
 * Whitelisting pipe: unknown fields are errors, every error names its field path, and a body
 * that is not a JSON object (an array, a string, a number) is refused as a whole.
 */
/** Body types that are not DTO classes: left to the handler (e.g. a CSV upload as a string). */
const NOT_OBJECTS = new Set<unknown>([Object, String, Buffer]);

class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const expectsObject =
      metadata.type === 'body' &&
      typeof metadata.metatype === 'function' &&
      !NOT_OBJECTS.has(metadata.metatype);
    if (expectsObject && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new FieldValidationException([{ field: 'body', message: 'must be a JSON object' }]);
    }
    if (
      (metadata.type === 'body' || metadata.type === 'query') &&
      typeof value === 'object' &&
      value !== null
    ) {
      const field = findControlCharacters(value);
      if (field !== undefined) {
        throw new FieldValidationException([{ field, message: 'must not contain control characters' }]);
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => new FieldValidationException(flatten(errors)),
  });
}

/** C0 controls other than tab, line feed and carriage return, and DEL. PostgreSQL refuses NUL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Path of the first string (or key) holding a control character, if any. */
function findControlCharacters(value: unknown, path = ''): string | undefined {
  if (typeof value === 'string') return CONTROL_CHARACTERS.test(value) ? path || 'body' : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (CONTROL_CHARACTERS.test(key)) return childPath;
    const found = findControlCharacters(child, childPath);
    if (found !== undefined) return found;
  }
  return undefined;
}

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message });
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/** Validates a UUID path parameter; a malformed one is a 400 naming `field`. */
export function uuidParam(field: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new FieldValidationException([{ field, message: 'must be a UUID' }]),
  });
}
