import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { FieldValidationException } from './problem-details.filter';

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

function flatten(errors: ValidationError[], prefix = ''): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message });
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}
