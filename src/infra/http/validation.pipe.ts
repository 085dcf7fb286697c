import { ValidationError, ValidationPipe } from '@nestjs/common';

import { DomainError } from '../../domain/errors';
import type { FieldError } from '../../domain/host-alias';

/** class-validator errors as Kubernetes-style field paths: `entries[0].hostnames[1]`. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const path = joinPath(parent, error.property);
    for (const message of Object.values(error.constraints ?? {})) {
      result.push({ field: path, message });
    }
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, path));
  }
  return result;
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** The global pipe: unknown fields are errors, every error is reported at once. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => DomainError.invalid(flattenValidationErrors(errors)),
  });
}
