import type { FieldError } from '../api/client';
import { errorsAt } from './draft';
import { FieldErrors, invalidProps } from './FieldErrors';

interface Props {
  id: string;
  label: string;
  /** The API's field path, e.g. `entries[0].ip`. */
  path: string;
  value: string;
  errors: FieldError[];
  onChange: (value: string) => void;
  multiline?: boolean;
  hint?: string;
}

/** A labelled input with the API's errors for its path right below it. */
export function TextField({ id, label, path, value, errors, onChange, multiline, hint }: Props) {
  const mine = errorsAt(errors, path);
  const common = {
    id,
    value,
    spellCheck: false,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
    ...invalidProps(path, mine),
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && <span className="hint">{hint}</span>}
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
      <FieldErrors path={path} errors={mine} />
    </div>
  );
}
