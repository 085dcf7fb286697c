import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';

import { DomainError } from '../../domain/errors';
import { hostileInputErrors } from '../../domain/hostile-input';

/**
 * Runs before the validation pipe on every body, query, path parameter and GraphQL argument:
 * refuses NUL characters, unpaired surrogates and deep nesting with a 400 naming the field,
 * before class-transformer (which recurses, and overflows the stack on deep JSON) sees the value.
 */
export class HostileInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    // Values made by the server itself (the request context), not sent by the client.
    if (metadata.type === 'custom') return value;
    const errors = hostileInputErrors(value, metadata.data ?? '');
    if (errors.length > 0) throw DomainError.invalid(errors);
    return value;
  }
}
