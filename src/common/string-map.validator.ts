import { ValidateBy, ValidationOptions } from 'class-validator';

/** A flat object of at most 64 string values with keys of at most 253 characters. */
export function IsStringMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isStringMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 64 &&
          Object.entries(value).every(
            ([key, v]) =>
              key.length > 0 && key.length <= 253 && typeof v === 'string' && v.length <= 1000,
          ),
        defaultMessage: () => 'must be an object of at most 64 string values',
      },
    },
    options,
  );
}
