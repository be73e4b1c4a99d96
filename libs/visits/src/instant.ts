import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/**
 * An instant must carry its time and zone: a bare date would silently mean midnight UTC, eight
 * hours off what a user in China meant.
 */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    Matches(INSTANT, {
      message: '$property must be an ISO 8601 date-time with a zone, e.g. 2026-05-01T09:30:00+08:00',
    }),
    IsISO8601({ strict: true, strictSeparator: true }, { message: '$property must be a valid date-time' }),
  );
}
