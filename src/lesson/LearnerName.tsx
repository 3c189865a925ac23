import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { LEARNER_MAX_LENGTH, readLearnerInput } from '../grader/learner';
import { observeLearner, setLearner } from '../store/learner';
import { lessonDb } from './db';

// The lab overview asks once for the learner's name or student ID (optional), which goes into every
// attempt file and its name, so that an instructor knows whose file is whose. Saved in this browser
// for every lab; saving it again updates each lab's current attempt. A name that is not valid gets
// its reason next to the field and nothing is saved.

export default function LearnerName() {
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const [value, setValue] = useState('');
  const [saved, setSaved] = useState<string | null | undefined>(undefined);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  // The stored name fills the field until the learner types (another tab may save one meanwhile).
  const edited = useRef(false);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const sub = observeLearner(lessonDb()).subscribe({
      next: (learner) => {
        setSaved(learner);
        if (!edited.current) setValue(learner ?? '');
      },
      error: () => setSaved(null),
    });
    return () => sub.unsubscribe();
  }, []);

  const save = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const input = readLearnerInput(value);
    if (!input.ok) {
      setError(input.message);
      setStatus('');
      inputRef.current?.focus();
      return;
    }
    setError('');
    setBusy(true);
    try {
      await setLearner(lessonDb(), input.learner);
      edited.current = false;
      setValue(input.learner ?? '');
      setStatus(input.learner ? `Saved. Your attempt files now carry the name ${input.learner}.` : 'Name removed. Your attempt files carry no name.');
    } catch (e) {
      setStatus(`Your name could not be saved: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="learner-name" onSubmit={(e) => void save(e)} noValidate>
      <label htmlFor={inputId} className="learner-name-label">
        Your name or student ID
      </label>
      <p id={hintId} className="learner-name-hint">
        Optional. It goes into the attempt files you export, so your instructor knows whose work they grade. Up to {LEARNER_MAX_LENGTH} characters.
      </p>
      <div className="learner-name-row">
        <input
          ref={inputRef}
          id={inputId}
          type="text"
          className="learner-name-input"
          value={value}
          autoComplete="off"
          spellCheck={false}
          disabled={saved === undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          onChange={(e) => {
            edited.current = true;
            setValue(e.target.value);
            setStatus('');
          }}
        />
        <button type="submit" className="lesson-button lesson-button-secondary" aria-disabled={busy || undefined}>
          Save
        </button>
      </div>
      {error && (
        <p id={errorId} className="learner-name-error" role="alert">
          {error}
        </p>
      )}
      <p role="status" className="learner-name-status">
        {status}
      </p>
    </form>
  );
}
