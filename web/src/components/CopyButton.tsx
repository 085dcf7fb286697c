import { useState } from 'react';

/** Copies text to the clipboard; says so for screen readers too. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = () => {
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };
  return (
    <span className="copy">
      <button type="button" onClick={copy}>
        {label}
      </button>
      <span aria-live="polite">
        {state === 'copied' ? 'Copied.' : state === 'failed' ? 'Copy failed: select the text.' : ''}
      </span>
    </span>
  );
}
