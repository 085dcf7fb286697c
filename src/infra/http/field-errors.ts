import { getMetadataStorage, type ValidationError } from 'class-validator';
import { suggestionList } from 'graphql/jsutils/suggestionList';

import type { FieldError } from '../../domain/host-alias';

/**
 * An input class whose content also has domain (Kubernetes) rules: when its shape is wrong, the
 * pipe reports those rules' errors in the same response, so one round trip shows every problem.
 */
export interface HasDomainRules {
  domainErrors(): FieldError[];
}

export const REQUIRED_MESSAGE = 'required';

/** `unknown field; did you mean "hostnames"?`: GraphQL's own suggestion list, so both APIs agree. */
export function unknownFieldMessage(field: string, known: readonly string[]): string {
  const [best] = suggestionList(field, [...known]);
  return best ? `unknown field; did you mean "${best}"?` : 'unknown field';
}

/**
 * class-validator errors as Kubernetes-style field paths (`entries[0].hostnames[1]`), one message
 * for a missing field, a suggestion for an unknown one, and messages without the repeated name.
 * Needs the errors built with `target` and `value`.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const result: FieldError[] = [];
  for (const error of errors) {
    const field = joinPath(parent, error.property);
    const constraints = error.constraints ?? {};
    if (constraints.whitelistValidation) {
      result.push({
        field,
        message: unknownFieldMessage(error.property, knownFields(error.target)),
      });
    } else if (error.value === undefined && Object.keys(constraints).length > 0) {
      result.push({ field, message: REQUIRED_MESSAGE });
    } else {
      for (const message of mainMessages(constraints)) {
        result.push({ field, message: withoutPropertyName(message, error.property) });
      }
    }
    if (error.children?.length) result.push(...flattenValidationErrors(error.children, field));
  }
  return result;
}

/**
 * Shape errors and the domain's errors of the same input in one list, in the order of the items
 * they concern; a domain error on a field the shape errors already name is left out.
 */
export function withDomainErrors(shape: FieldError[], domain: FieldError[]): FieldError[] {
  const named = shape.map((error) => error.field);
  const covered = (field: string) =>
    named.some(
      (name) => field === name || field.startsWith(`${name}.`) || field.startsWith(`${name}[`),
    );
  const all = [...shape, ...domain.filter((error) => !covered(error.field))];
  return all
    .map((error, order) => ({ error, order, item: firstIndex(error.field) }))
    .sort((a, b) => a.item - b.item || a.order - b.order)
    .map(({ error }) => error);
}

export function hasDomainRules(value: unknown): value is HasDomainRules {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<HasDomainRules>).domainErrors === 'function'
  );
}

function firstIndex(field: string): number {
  const match = /\[(\d+)\]/.exec(field);
  return match ? Number(match[1]) : -1;
}

function knownFields(target: object | undefined): string[] {
  if (!target) return [];
  const metadata = getMetadataStorage().getTargetValidationMetadatas(
    target.constructor,
    '',
    true,
    false,
  );
  return [...new Set(metadata.map((entry) => entry.propertyName))];
}

// When the type is wrong, the rules about its length or size say nothing useful.
const TYPE_CONSTRAINTS = ['isString', 'isArray', 'isBoolean', 'isInt', 'isNumber', 'isObject'];

function mainMessages(constraints: Record<string, string>): string[] {
  const type = TYPE_CONSTRAINTS.filter((name) => constraints[name]);
  return type.length > 0 ? type.map((name) => constraints[name] ?? '') : Object.values(constraints);
}

function withoutPropertyName(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

function joinPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}
