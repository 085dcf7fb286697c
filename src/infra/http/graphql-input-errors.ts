import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLFormattedError } from 'graphql';

import type { FieldError } from '../../domain/host-alias';
import { validateAliasSetContent } from '../../domain/validation';
import { REQUIRED_MESSAGE, withDomainErrors } from './field-errors';

const INVALID_VALUE = /^Variable "\$(\w+)" got invalid value .*?(?: at "([^"]+)")?; (.*)$/s;
const NOT_PROVIDED = /^Variable "\$(\w+)" of required type "[^"]+" was not provided\.$/;
const MISSING_FIELD = /^Field "(\w+)" of required type "[^"]+" was not provided\.$/;
const UNKNOWN_FIELD = /^Field "(\w+)" is not defined by type "[^"]+"\.(?: Did you mean "(\w+)")?/;

/**
 * One of graphql-js's variable coercion messages as a field error with the REST API's path and
 * words (`entries[0].hostnames: required`); undefined for any other error.
 */
export function variableFieldError(message: string): FieldError | undefined {
  const notProvided = NOT_PROVIDED.exec(message);
  if (notProvided?.[1]) return { field: notProvided[1], message: REQUIRED_MESSAGE };
  const invalid = INVALID_VALUE.exec(message);
  if (!invalid) return undefined;
  // The path starts with the variable's name; the REST API's paths start inside the input.
  const at = (invalid[2] ?? invalid[1] ?? '').replace(/^\w+\.?/, '');
  const reason = invalid[3] ?? '';
  const missing = MISSING_FIELD.exec(reason);
  if (missing?.[1]) return { field: join(at, missing[1]), message: REQUIRED_MESSAGE };
  const unknown = UNKNOWN_FIELD.exec(reason);
  if (unknown?.[1]) {
    const hint = unknown[2] ? `; did you mean "${unknown[2]}"?` : '';
    return { field: join(at, unknown[1]), message: `unknown field${hint}` };
  }
  return { field: at || invalid[1] || '', message: reason };
}

/**
 * Variables that graphql-js refuses never reach a resolver, so the Kubernetes rules of an alias
 * set input would stay unreported: this reports both, in one BAD_USER_INPUT error, as REST does.
 */
export function inputErrorsPlugin(): ApolloServerPlugin {
  return {
    requestDidStart: () =>
      Promise.resolve({
        willSendResponse: ({ response, request }) => {
          if (response.body.kind !== 'single') return Promise.resolve();
          const result = response.body.singleResult;
          const fields = (result.errors ?? []).map((error) => variableFieldError(error.message));
          if (fields.length === 0 || result.data !== undefined) return Promise.resolve();
          if (!fields.every((field): field is FieldError => field !== undefined)) {
            return Promise.resolve();
          }
          const error: GraphQLFormattedError = {
            message: 'the input is invalid',
            extensions: {
              code: 'BAD_USER_INPUT',
              errors: withDomainErrors(fields, domainErrors(request.variables)),
            },
          };
          result.errors = [error];
          response.http.status = 400;
          return Promise.resolve();
        },
      }),
  };
}

/** The alias-set inputs among the variables (objects with `entries`), checked as the service would. */
function domainErrors(variables: Record<string, unknown> | undefined): FieldError[] {
  return Object.values(variables ?? {}).flatMap((value) =>
    typeof value === 'object' && value !== null && 'entries' in value
      ? validateAliasSetContent(value)
      : [],
  );
}

function join(parent: string, field: string): string {
  return parent ? `${parent}.${field}` : field;
}
