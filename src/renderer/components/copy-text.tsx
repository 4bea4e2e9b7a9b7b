// A command or a path shown verbatim with a Copy button beside it (what to install for a speech
// engine, the models folder). The clipboard API needs a secure page, which Montage's pages are;
// where it is refused the text is selected instead, for Ctrl/Cmd+C.
import { useRef, useState } from 'react';

export function CopyText({ text, testId, label = 'Copy' }: { text: string; testId?: string; label?: string }) {
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('yes');
    } catch {
      const el = code.current;
      const selection = window.getSelection();
      if (el && selection) {
        const range = document.createRange();
        range.selectNodeContents(el);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopied('select');
    }
    setTimeout(() => setCopied(null), 2500);
  };
  return (
    <span className="copy-text" data-testid={testId}>
      <code ref={code} className="copy-text-code">
        {text}
      </code>
      <button type="button" className="btn btn-small" onClick={() => void copy()} aria-label={`${label}: ${text}`}>
        {copied === 'yes' ? 'Copied' : copied === 'select' ? 'Selected: press Ctrl/Cmd+C' : label}
      </button>
    </span>
  );
}
