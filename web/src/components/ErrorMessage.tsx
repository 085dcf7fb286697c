import { ApiError } from '../api/client';

/** An API error in words, with its code, announced to screen readers. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const code = error instanceof ApiError ? error.code : undefined;
  return (
    <div className="error" role="alert">
      {code && <span className="code">{code}</span>} {message}
    </div>
  );
}
