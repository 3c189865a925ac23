import type { LogEntry, TenantError, TenantState } from '../tenant';
import type { AttemptRow } from './db';

// Typed failures of the store. Writes reject with one of these classes (nothing is written when they
// do); restoring returns a RestoreError value instead of throwing, because a log the rules refuse is
// an expected case the UI must show (and may offer to truncate), not a crash.

export type StoreErrorCode =
  | 'AppendConflict'
  | 'InvalidEntry'
  | 'AttemptNotFound'
  | 'AttemptExists'
  | 'UnknownSeed'
  | 'InvalidArgument'
  | 'CorruptLog';

export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/**
 * Optimistic concurrency: the entry was built against a log that has changed since (another tab
 * appended or truncated first). `expected` is the seq the log expects next, `actual` the entry's.
 * When a revision was given and differs, `expectedRevision`/`actualRevision` say so (the log was
 * rewritten to the same length, e.g. undo + new entries in another tab).
 */
export class AppendConflictError extends StoreError {
  constructor(
    readonly attemptId: string,
    readonly expected: number,
    readonly actual: number,
    readonly expectedRevision?: number,
    readonly actualRevision?: number,
  ) {
    super(
      'AppendConflict',
      expected !== actual
        ? `Attempt '${attemptId}' expects entry ${expected} next, not ${actual}: another tab changed it first.`
        : `Attempt '${attemptId}' is at revision ${actualRevision}, not ${expectedRevision}: another tab changed it first.`,
    );
  }
}

export class InvalidEntryError extends StoreError {
  constructor(
    message: string,
    readonly issues: readonly { path: readonly PropertyKey[]; message: string }[],
  ) {
    super('InvalidEntry', message);
  }
}

export class AttemptNotFoundError extends StoreError {
  constructor(readonly attemptId: string) {
    super('AttemptNotFound', `Attempt '${attemptId}' does not exist.`);
  }
}

export class AttemptExistsError extends StoreError {
  constructor(readonly attemptId: string) {
    super('AttemptExists', `An attempt with the id '${attemptId}' already exists.`);
  }
}

export class UnknownSeedError extends StoreError {
  constructor(readonly seedId: string) {
    super('UnknownSeed', `There is no tenant seed '${seedId}'.`);
  }
}

export class InvalidArgumentError extends StoreError {
  constructor(message: string) {
    super('InvalidArgument', message);
  }
}

export class CorruptLogError extends StoreError {
  constructor(
    readonly attemptId: string,
    message: string,
    readonly seq?: number,
  ) {
    super('CorruptLog', message);
  }
}

/** Why an attempt could not be restored. Nothing is deleted in any of these cases. */
export type RestoreError =
  | { code: 'AttemptNotFound'; attemptId: string; message: string }
  | { code: 'UnknownSeed'; attempt: AttemptRow; seedId: string; message: string }
  | { code: 'BadSeed'; attempt: AttemptRow; message: string }
  | { code: 'CorruptLog'; attempt: AttemptRow; message: string; seq?: number }
  | {
      code: 'ReplayRefused';
      attempt: AttemptRow;
      message: string;
      /** Index (= seq) of the first entry the rules refused; entries before it replay fine. */
      failedAt: number;
      entry: LogEntry;
      error: TenantError;
      /** The tenant as of the refused entry's time, i.e. after the entries that did replay. */
      state: TenantState;
    };
