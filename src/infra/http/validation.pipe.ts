import { ValidationError, ValidationPipe } from '@nestjs/common';

import { DomainError } from '../../domain/errors';
import { flattenValidationErrors, hasDomainRules, withDomainErrors } from './field-errors';
import { rememberValidationMetadata } from './validation-metadata';

/** The global pipe: unknown fields are errors, every error is reported at once. */
export function createValidationPipe(): ValidationPipe {
  rememberValidationMetadata();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    // target and value: to name a missing field, suggest a known one, and run the domain's rules.
    validationError: { target: true, value: true },
    exceptionFactory: (errors: ValidationError[]) => {
      const shape = flattenValidationErrors(errors);
      const input = errors[0]?.target;
      return DomainError.invalid(
        hasDomainRules(input) ? withDomainErrors(shape, input.domainErrors()) : shape,
      );
    },
  });
}
