import { applyDecorators } from '@nestjs/common';
import { ApiQuery } from '@nestjs/swagger';

import { DomainError } from '../domain/errors';

/**
 * `?dryRun=All` (Kubernetes' spelling, repeatable like Kubernetes' list parameter) → true;
 * absent → false; any other value is a 400 in the API server's words.
 */
export function parseDryRun(value: unknown): boolean {
  if (value === undefined) return false;
  const values: unknown[] = Array.isArray(value) ? value : [value];
  if (values.length > 0 && values.every((v) => v === 'All')) return true;
  const shown = JSON.stringify(values.length === 1 ? values[0] : values);
  throw DomainError.invalid(
    [{ field: 'dryRun', message: `Unsupported value: ${shown}: supported values: "All"` }],
    'invalid dryRun option',
  );
}

/** The OpenAPI description of the parameter, the same on every write. */
export function ApiDryRun(): MethodDecorator {
  return applyDecorators(
    ApiQuery({
      name: 'dryRun',
      required: false,
      enum: ['All'],
      description:
        'All: every check of the real call, same status, nothing written; the answer is the ' +
        'would-be result with its `impact`',
    }),
  );
}
