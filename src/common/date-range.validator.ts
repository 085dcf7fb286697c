import { applyDecorators } from '@nestjs/common';
import { IsDate, MaxDate, MinDate } from 'class-validator';

/** Years 1 to 9999: what ISO 8601 writes without an expanded year, and PostgreSQL stores. */
export const EARLIEST_DATE = new Date('0001-01-01T00:00:00.000Z');
export const LATEST_DATE = new Date('9999-12-31T23:59:59.999Z');

/**
 * A date the service can store, compare and print back: JavaScript accepts years from -271821
 * to 275760, PostgreSQL and ISO 8601's basic form do not, so those are a 400 here, not a 500 later.
 */
export function IsStorableDate(): PropertyDecorator {
  return applyDecorators(
    IsDate(),
    MinDate(EARLIEST_DATE, { message: '$property must not be before year 1' }),
    MaxDate(LATEST_DATE, { message: '$property must not be after year 9999' }),
  );
}
