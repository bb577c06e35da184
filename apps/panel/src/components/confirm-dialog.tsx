import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../lib/i18n';
import { ErrorNotice } from './ui';

/**
 * Asks before a change that cannot be undone (re-pin, merge, delete). A native modal `<dialog>`:
 * focus stays inside, Escape cancels, and the API's refusal is shown in it rather than closing it.
 */
export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  confirmLabel: string;
  danger?: boolean;
  busy: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
  children: ComponentChildren;
}): JSX.Element {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  return (
    <dialog
      ref={ref}
      class="confirm card"
      aria-labelledby="confirm-title"
      onCancel={(event) => {
        event.preventDefault();
        if (!props.busy) props.onCancel();
      }}
    >
      <form
        method="dialog"
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          props.onConfirm();
        }}
      >
        <h2 id="confirm-title">{props.title}</h2>
        <div>{props.children}</div>
        <ErrorNotice error={props.error} />
        <div class="form-actions">
          <button type="submit" class={props.danger ? 'danger' : undefined} disabled={props.busy}>
            {props.busy ? t('confirm.working') : props.confirmLabel}
          </button>
          <button type="button" class="secondary" disabled={props.busy} onClick={props.onCancel}>
            {t('confirm.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
