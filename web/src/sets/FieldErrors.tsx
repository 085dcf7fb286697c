import type { FieldError } from '../api/client';

/** The element id of a field's errors, for the field's aria-describedby. */
export function errorId(path: string): string {
  return `error-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

/** Errors shown beside the field at `path` (deeper paths, such as one hostname, are named). */
export function FieldErrors({ path, errors }: { path: string; errors: FieldError[] }) {
  if (errors.length === 0) return null;
  return (
    <ul id={errorId(path)} className="field-errors">
      {errors.map((error) => (
        <li key={`${error.field} ${error.message}`}>
          {error.field !== path && <code>{error.field}</code>} {error.message}
        </li>
      ))}
    </ul>
  );
}

/** Props that tie an input to its errors for assistive technology. */
export function invalidProps(path: string, errors: FieldError[]) {
  return errors.length > 0
    ? { 'aria-invalid': true as const, 'aria-describedby': errorId(path) }
    : {};
}
