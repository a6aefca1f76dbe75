// Dialogs the console's screens share: a modal, a confirmation for destructive actions, and a secret shown once.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api/http';
import { FieldErrors } from './states';

/** A native modal <dialog>: Escape closes it; its content mounts only while open, so forms start fresh. */
export function Dialog({ open, onClose, title, children }: { open: boolean; onClose: () => void; title: string; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  return (
    // Clicks and keys inside stay inside: a dialog opened from a table row must not also open the row.
    // Normal wrapping and alignment even when opened from a table cell.
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={titleId}
      onClick={(e) => e.stopPropagation()}
      onKeyDown={(e) => e.stopPropagation()}
      style={{ whiteSpace: 'normal', textAlign: 'left', minWidth: 420 }}
    >
      {open ? (
        <>
          <h2 id={titleId} style={{ marginTop: 0, fontSize: 18 }}>
            {title}
          </h2>
          {children}
        </>
      ) : null}
    </dialog>
  );
}

/** A button that asks before it acts: for deletes, revocations, publishing. */
export function ConfirmButton({
  label,
  title,
  message,
  confirmLabel,
  onConfirm,
  danger = true,
  disabled,
}: {
  label: string;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  danger?: boolean;
  disabled?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={danger ? 'danger' : undefined}
        disabled={disabled}
        onClick={(e) => {
          // Inside an openable table row, the click must not also open the row.
          e.stopPropagation();
          setOpen(true);
        }}
        onKeyDown={(e) => e.stopPropagation()}
      >
        {label}
      </button>
      <Dialog open={open} onClose={() => setOpen(false)} title={title}>
        <div>
          <p>{message}</p>
          <div className="form-actions">
            <button
              type="button"
              className={danger ? 'danger' : 'primary'}
              autoFocus
              onClick={() => {
                setOpen(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              Cancel
            </button>
          </div>
        </div>
      </Dialog>
    </>
  );
}

/** A secret the server shows this once (an API key, a webhook signing secret), with a copy button. */
export function SecretDialog({
  open,
  onClose,
  title,
  secret,
  what,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  secret: string | undefined;
  what: string;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret ?? '');
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <Dialog
      open={open}
      onClose={() => {
        setCopied(false);
        onClose();
      }}
      title={title}
    >
      <div className="state error" role="alert">
        <strong>Copy {what} now: it will not be shown again.</strong>
        <span>Meterline keeps only a hash of it. If it is lost, make a new one.</span>
      </div>
      <p className="secret" aria-label={what}>
        {secret}
      </p>
      <div className="form-actions">
        <button type="button" className="primary" onClick={copy}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button
          type="button"
          onClick={() => {
            setCopied(false);
            onClose();
          }}
        >
          I have stored it, close
        </button>
      </div>
      <span role="status" className="muted">
        {copied ? 'Copied to the clipboard.' : ''}
      </span>
    </Dialog>
  );
}

/** What a change refused, above the list it was made from; dismissable. */
export function ActionError({ error, onDismiss }: { error: unknown; onDismiss: () => void }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const status = error instanceof ApiError ? error.status : undefined;
  return (
    <div className="state error" role="alert" style={{ marginBottom: 12 }}>
      <strong>{status === 403 ? 'Not allowed' : status === 409 ? 'Refused: it conflicts with the current state' : 'The change failed'}</strong>
      <span>{message}</span>
      <FieldErrors error={error} />
      <button type="button" onClick={onDismiss}>
        Dismiss
      </button>
    </div>
  );
}

/** The form banner: what the server refused that no field names. */
export function Banner({ text }: { text: string | undefined }) {
  return text ? (
    <div className="state error" role="alert">
      {text}
    </div>
  ) : null;
}
