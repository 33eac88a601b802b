import { useEffect, useId, useState } from 'react';
import { ModalDialog } from '../../components/modal-dialog.js';

/** Asks for text to type into the console (prefilled from the clipboard when the browser allows it). */
export function TypeTextDialog({ onType, onClose }: { onType(text: string): void; onClose(): void }) {
  const [text, setText] = useState('');
  const titleId = useId();
  const hintId = useId();
  useEffect(() => {
    navigator.clipboard?.readText().then((clip) => setText((current) => current || clip)).catch(() => {});
  }, []);
  return (
    <ModalDialog labelledBy={titleId} describedBy={hintId} onCancel={onClose}>
      <h2 id={titleId}>Type text into the console</h2>
      <p id={hintId} className="hint">For guests without clipboard support: the text is sent as key presses.</p>
      <textarea data-autofocus aria-label="Text to type" rows={5} value={text} onChange={(event) => setText(event.target.value)} />
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" className="primary" disabled={text.length === 0} onClick={() => onType(text)}>Type</button>
      </div>
    </ModalDialog>
  );
}
