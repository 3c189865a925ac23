import { useId, useRef, useState } from 'react';
import { clearLastStep } from '../store/progress';
import type { TenantSeedInput } from '../tenant/schemas/seed';
import { lessonDb } from './db';

// Reset lab: after a confirmation, starts a new attempt of the lab and makes it current. The
// current attempt is kept (listed on the lab's overview), so nothing is lost. The simulator follows
// the new current attempt by itself (it observes it), in this tab and in others.
// The confirmation is a native <dialog> opened with showModal(): focus moves into it, stays there,
// Escape cancels, and focus returns to the button afterwards.

export interface ResetLabProps {
  labId: string;
  /** The lab's starting tenant: registered with the store's seeds, then the new attempt starts from it. */
  seed: TenantSeedInput;
  /** Where to go once the new attempt exists (a step page goes back to step 1); stay if unset. */
  afterResetHref?: string;
}

export default function ResetLab({ labId, seed, afterResetHref }: ResetLabProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const titleId = useId();
  const textId = useId();

  const open = () => {
    setMessage('');
    dialogRef.current?.showModal();
    // Start on Cancel: the safe choice.
    cancelRef.current?.focus();
  };

  const confirm = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const db = lessonDb();
      // Loaded on use: attempts.ts brings the tenant core, which a lab overview does not otherwise need
      // (on a step page the simulator has loaded it already).
      const [{ resetLab }, { registerSeed }] = await Promise.all([import('../store/attempts'), import('../tenant/seeds')]);
      registerSeed(seed);
      const attempt = await resetLab(db, labId, { id: crypto.randomUUID(), startAt: new Date().toISOString(), seedId: seed.id });
      await clearLastStep(db, labId);
      dialogRef.current?.close();
      setMessage(`${attempt.title} started. Your earlier work is kept as an earlier attempt.`);
      if (afterResetHref) {
        const { navigate } = await import('astro:transitions/client');
        await navigate(afterResetHref);
      }
    } catch (e) {
      dialogRef.current?.close();
      setMessage(`The lab could not be reset: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="reset-lab">
      <button type="button" className="lesson-button lesson-button-secondary" onClick={open}>
        Reset lab
      </button>
      <p className="reset-lab-message" role="status">
        {message}
      </p>
      <dialog ref={dialogRef} className="lesson-dialog" aria-labelledby={titleId} aria-describedby={textId}>
        <h2 id={titleId} className="lesson-dialog-title">
          Reset lab?
        </h2>
        <p id={textId}>Your current work is kept as an earlier attempt and a new attempt starts from the beginning.</p>
        <div className="lesson-dialog-actions">
          <button type="button" className="lesson-button" onClick={confirm} aria-disabled={busy || undefined}>
            Reset
          </button>
          <button type="button" className="lesson-button lesson-button-secondary" onClick={() => dialogRef.current?.close()} ref={cancelRef}>
            Cancel
          </button>
        </div>
      </dialog>
    </div>
  );
}
