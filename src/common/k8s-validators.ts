import { ValidateBy, ValidationOptions } from 'class-validator';

import { validateDns1123Label, validateHostname } from '../domain/validation';

/** A Kubernetes DNS-1123 label (team slugs, cluster and set names), with Kubernetes' message. */
export function IsDns1123Label(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDns1123Label',
      validator: {
        validate: (value: unknown) => validateDns1123Label(value, '').length === 0,
        defaultMessage: (args) =>
          validateDns1123Label(args?.value, '')
            .map((e) => e.message)
            .join('; ') || 'must be a lowercase RFC 1123 label',
      },
    },
    options,
  );
}

/** A Kubernetes DNS-1123 subdomain (hostnames, cluster domains), with Kubernetes' message. */
export function IsDns1123Subdomain(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDns1123Subdomain',
      validator: {
        validate: (value: unknown) => validateHostname(value, '').length === 0,
        defaultMessage: (args) =>
          validateHostname(args?.value, '')
            .map((e) => e.message)
            .join('; ') || 'must be a lowercase RFC 1123 subdomain',
      },
    },
    options,
  );
}
