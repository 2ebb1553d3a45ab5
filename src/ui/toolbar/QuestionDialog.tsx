/**
 * The question the page is waiting on (see uiStore's `ask`): its text and two answers, the one
 * that changes nothing focused first (so Enter or Escape never goes ahead by accident).
 */
import { useRef } from 'react';
import { useStores, useUi } from '../app/stores.tsx';
import { Dialog } from './Dialog.tsx';

export function QuestionDialog() {
  const stores = useStores();
  const question = useUi((s) => s.question);
  const cancel = useRef<HTMLButtonElement>(null);
  if (!question) return null;
  const answer = (confirmed: boolean) => stores.ui.getState().answer(confirmed);
  return (
    <Dialog title={question.title} role="alertdialog" onClose={() => answer(false)} initialFocus={cancel}>
      <p>{question.text}</p>
      <div className="dialog-actions">
        <button type="button" ref={cancel} onClick={() => answer(false)}>
          {question.cancel}
        </button>
        <button type="button" className="primary" onClick={() => answer(true)}>
          {question.confirm}
        </button>
      </div>
    </Dialog>
  );
}
