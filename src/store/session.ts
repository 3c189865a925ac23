import { execute, logEntrySchema, type Command, type CommandInput, type LogEntry, type TenantError, type TenantEvent, type TenantState } from '../tenant';
import { appendEntry, getAttempt, restoreAttempt } from './attempts';
import type { AttemptRow, PimLabDb } from './db';
import { AppendConflictError, AttemptNotFoundError, InvalidEntryError, type RestoreError } from './errors';

export type DispatchResult =
  | { ok: true; entry: LogEntry; events: TenantEvent[]; state: TenantState; attempt: AttemptRow }
  /** The command or time is malformed (zod); nothing ran, nothing was written. */
  | { ok: false; reason: 'invalid'; error: InvalidEntryError }
  /** The tenant's rules refused the command; nothing was written, the state is unchanged. */
  | { ok: false; reason: 'refused'; error: TenantError }
  /**
   * Another tab changed the log first. The session has re-restored from the db (unless
   * `restoreError` says it could not); the caller may show the new state and retry.
   */
  | { ok: false; reason: 'conflict'; conflict: AppendConflictError; restoreError?: RestoreError }
  /** The attempt was deleted (e.g. in another tab). */
  | { ok: false; reason: 'notFound'; error: AttemptNotFoundError };

export type OpenResult = { ok: true; session: AttemptSession } | { ok: false; error: RestoreError };

/**
 * One attempt's tenant, folded in memory, kept in step with its log in the db.
 *
 * `dispatch` runs the command through the core on the current state; only an accepted command is
 * appended (one transaction), and only after the append commits does the new state replace the old
 * one. Dispatches on one session run one at a time, in call order.
 */
export class AttemptSession {
  #attempt: AttemptRow;
  #state: TenantState;
  #queue: Promise<unknown> = Promise.resolve();
  readonly #listeners = new Set<() => void>();

  private constructor(
    readonly db: PimLabDb,
    attempt: AttemptRow,
    state: TenantState,
  ) {
    this.#attempt = attempt;
    this.#state = state;
  }

  static async open(db: PimLabDb, attemptId: string): Promise<OpenResult> {
    const restored = await restoreAttempt(db, attemptId);
    return restored.ok ? { ok: true, session: new AttemptSession(db, restored.attempt, restored.state) } : restored;
  }

  get attemptId(): string {
    return this.#attempt.id;
  }
  get attempt(): AttemptRow {
    return this.#attempt;
  }
  get state(): TenantState {
    return this.#state;
  }
  /** Number of entries folded in = the next entry's seq. */
  get length(): number {
    return this.#attempt.length;
  }

  /** Called after every change of `state` (for React's useSyncExternalStore). */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #swap(attempt: AttemptRow, state: TenantState) {
    this.#attempt = attempt;
    this.#state = state;
    for (const l of [...this.#listeners]) l();
  }

  #serial<T>(job: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(job);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  dispatch(actor: string, command: Command | CommandInput, at: string, opts: { now?: string } = {}): Promise<DispatchResult> {
    return this.#serial(() => this.#dispatch(actor, command, at, opts));
  }

  async #dispatch(actor: string, command: Command | CommandInput, at: string, opts: { now?: string }): Promise<DispatchResult> {
    // Parse first, then execute and log the parsed entry, so the logged entry is exactly the one
    // the rules accepted (zod fills defaults and normalizes, e.g. 'AfterDuration' → 'afterDuration').
    const parsed = logEntrySchema.safeParse({ seq: this.#attempt.length, at, actor, command });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
      return { ok: false, reason: 'invalid', error: new InvalidEntryError(`Invalid command: ${issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`).join('; ')}`, issues) };
    }
    const entry = parsed.data;
    const result = execute(this.#state, entry);
    if (!result.ok) return { ok: false, reason: 'refused', error: result.error };
    let attempt: AttemptRow;
    try {
      attempt = await appendEntry(this.db, this.#attempt.id, entry, { expectedRevision: this.#attempt.revision, ...(opts.now !== undefined ? { now: opts.now } : {}) });
    } catch (e) {
      if (e instanceof AppendConflictError) {
        const restoreError = await this.#reload();
        return { ok: false, reason: 'conflict', conflict: e, ...(restoreError ? { restoreError } : {}) };
      }
      if (e instanceof AttemptNotFoundError) return { ok: false, reason: 'notFound', error: e };
      throw e; // IndexedDB failure: the transaction was aborted, the session is unchanged.
    }
    this.#swap(attempt, result.state);
    return { ok: true, entry, events: result.events, state: result.state, attempt };
  }

  async #reload(): Promise<RestoreError | undefined> {
    const restored = await restoreAttempt(this.db, this.#attempt.id);
    if (!restored.ok) return restored.error;
    this.#swap(restored.attempt, restored.state);
    return undefined;
  }

  /** Re-restores from the db (e.g. after another tab wrote); returns the error if that fails. */
  reload(): Promise<RestoreError | undefined> {
    return this.#serial(() => this.#reload());
  }

  /**
   * Re-restores only if the log changed since this session last saw it (its revision moved), e.g.
   * on a liveQuery notification. Returns whether it reloaded, or the restore error.
   */
  sync(): Promise<{ reloaded: boolean; error?: RestoreError }> {
    return this.#serial(async () => {
      const row = await getAttempt(this.db, this.#attempt.id);
      if (row && row.revision === this.#attempt.revision && row.length === this.#attempt.length) return { reloaded: false };
      const error = await this.#reload();
      return error ? { reloaded: false, error } : { reloaded: true };
    });
  }
}
