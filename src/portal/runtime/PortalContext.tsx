import { createContext, startTransition, useCallback, useContext, useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import { AttemptSession, createAttempt, currentAttempt, observeAttempt, observeCurrentAttempt, PimLabDb } from '../../store';
import { findRole, observeAt, parseDuration, parseInstant, SEEDS, toInstant, type Command, type TenantError, type TenantState, type User } from '../../tenant';
import { tenantTime } from './clock';
import {
  ADVANCE_CLOCK_EVENT,
  announceAccount,
  announceClock,
  answerAdvanceClock,
  SWITCH_ACCOUNT_EVENT,
  type AdvanceClockDetail,
  type SwitchAccountDetail,
} from './events';
import { isTestMode, tabStorage } from './tabStorage';
import { HOME, type Pane, type View } from './views';

// The simulator's runtime: the attempt's tenant (restored from IndexedDB by replay and kept in step
// with other tabs), the tenant clock, the account this tab is signed in as, and where the tab is in
// the portal. Components read from it and send commands through `dispatch`; every rule lives in the
// tenant core, so a refused command comes back as the core's error, for the form to show.

export type DispatchOutcome = { ok: true } | { ok: false; error: TenantError };

export interface Portal {
  labId: string;
  attemptId: string;
  /** The tenant as of `now` (expiries that time alone causes are applied). */
  state: TenantState;
  /** The tenant clock in ms, refreshed every few seconds and after every command. */
  now: number;
  account: User;
  /** Accounts the learner can sign in as: every enabled user of the tenant. */
  accounts: User[];
  switchAccount(account: string): Promise<DispatchOutcome>;
  dispatch(command: Command): Promise<DispatchOutcome>;
  view: View;
  navigate(view: View): void;
  pane: Pane | null;
  openPane(pane: Pane): void;
  closePane(): void;
  /** Activation stages run instantly (Playwright, `?mode=test`). */
  testMode: boolean;
  /** Re-reads the attempt from the database, as a browser refresh would. */
  refresh(): Promise<void>;
  /** A fresh object id for a new user or request (ids are inputs of commands, never drawn by the core). */
  newId(): string;
}

const PortalContext = createContext<Portal | null>(null);

export function usePortal(): Portal {
  const portal = useContext(PortalContext);
  if (!portal) throw new Error('usePortal() outside <PortalProvider>');
  return portal;
}

let sharedDb: PimLabDb | null = null;
const database = () => (sharedDb ??= new PimLabDb());

/** The tenant clock: wall-clock time plus any lead a lab gave it, never behind the last command. */
function tenantNow(session: AttemptSession): number {
  return tenantTime(Date.now(), { nowMs: session.state.nowMs, updatedAt: session.attempt.updatedAt });
}

type Loaded = { session: AttemptSession } | { error: string } | null;

export function PortalProvider({
  labId,
  seedId,
  startAt,
  children,
  fallback,
}: {
  labId: string;
  seedId: string;
  /** A lab's clock start: a new attempt starts here, or now if later (the tenant clock never runs behind). */
  startAt?: string;
  children: ReactNode;
  fallback: (message: string | null) => ReactNode;
}) {
  const [loaded, setLoaded] = useState<Loaded>(null);

  // Open the lab's current attempt (a new one on first visit), and follow Reset lab from any tab.
  useEffect(() => {
    const db = database();
    let cancelled = false;
    let openedId: string | null = null;
    const open = async () => {
      let attempt = await currentAttempt(db, labId);
      if (!attempt) {
        if (!SEEDS[seedId]) throw new Error(`Unknown seed '${seedId}'.`);
        attempt = await createAttempt(db, { id: crypto.randomUUID(), labId, seedId, startAt: toInstant(Math.max(Date.now(), (startAt && parseInstant(startAt)) || 0)), makeCurrent: true }).catch(
          async () => (await currentAttempt(db, labId))!, // another tab created it first
        );
      }
      if (cancelled || attempt.id === openedId) return;
      const result = await AttemptSession.open(db, attempt.id);
      if (cancelled) return;
      if (result.ok) {
        openedId = attempt.id;
        // In a transition React renders the portal in slices and yields to the browser between
        // them, instead of one long task that holds up the page (Lighthouse's Total Blocking Time).
        startTransition(() => setLoaded({ session: result.session }));
      } else setLoaded({ error: `Your saved lab could not be restored (${result.error.message}). Nothing was deleted: use Reset lab to start a new attempt.` });
    };
    open().catch((e: unknown) => setLoaded({ error: `The lab could not be opened: ${e instanceof Error ? e.message : String(e)}` }));
    const sub = observeCurrentAttempt(db, labId).subscribe({
      next: (a) => {
        if (a && openedId && a.id !== openedId) open().catch(() => undefined);
      },
    });
    return () => {
      cancelled = true;
      sub.unsubscribe();
    };
  }, [labId, seedId, startAt]);

  if (!loaded || 'error' in loaded) return <>{fallback(loaded && 'error' in loaded ? loaded.error : null)}</>;
  return (
    <SessionProvider key={loaded.session.attemptId} labId={labId} session={loaded.session}>
      {children}
    </SessionProvider>
  );
}

function SessionProvider({ labId, session, children }: { labId: string; session: AttemptSession; children: ReactNode }) {
  const attemptId = session.attemptId;
  const folded = useSyncExternalStore(
    (l) => session.subscribe(l),
    () => session.state,
  );
  const [now, setNow] = useState(() => tenantNow(session));
  const testMode = useMemo(() => isTestMode(), []);

  // Other tabs: when this attempt's log changes elsewhere, re-restore it here.
  useEffect(() => {
    const sub = observeAttempt(session.db, attemptId).subscribe({ next: () => void session.sync() });
    return () => sub.unsubscribe();
  }, [session, attemptId]);

  // The clock moves on its own; expiries show up without a reload.
  useEffect(() => {
    const id = setInterval(() => setNow(tenantNow(session)), 5000);
    return () => clearInterval(id);
  }, [session]);
  useEffect(() => setNow(tenantNow(session)), [session, folded]);

  const state = useMemo(() => observeAt(folded, now), [folded, now]);
  const accounts = useMemo(() => [...state.users.values()].filter((u) => u.accountEnabled), [state]);
  const seedAccounts = SEEDS[state.organization.seedId]?.users ?? [];
  const [accountId, setAccountId] = useState(() => tabStorage.account(attemptId) ?? seedAccounts[0]?.id ?? accounts[0]!.id);
  const account = state.users.get(accountId) ?? accounts[0]!;

  const [view, setView] = useState<View>(() => tabStorage.view<View>(attemptId) ?? HOME);
  const [pane, setPane] = useState<Pane | null>(() => tabStorage.pane<Pane>(attemptId));
  const navigate = useCallback(
    (v: View) => {
      setView(v);
      setPane(null);
      tabStorage.setView(attemptId, v);
      tabStorage.setPane(attemptId, null);
    },
    [attemptId],
  );
  const openPane = useCallback((p: Pane) => (setPane(p), tabStorage.setPane(attemptId, p)), [attemptId]);
  const closePane = useCallback(() => (setPane(null), tabStorage.setPane(attemptId, null)), [attemptId]);

  const send: (actor: string, command: Command, aheadMs?: number) => Promise<DispatchOutcome> = useCallback(
    /** `aheadMs`: stamp the command that far past the tenant clock (advanceClock). */
    async (actor: string, command: Command, aheadMs = 0): Promise<DispatchOutcome> => {
      // The core refuses a command by an account with no session; the lab shows its first account
      // signed in without a logged signIn, so the portal logs that sign-in first, at the same instant.
      if (command.type !== 'signIn' && !session.state.sessions.has(actor)) {
        const signedIn = await send(actor, { type: 'signIn' }, aheadMs);
        if (!signedIn.ok) return signedIn;
      }
      for (let attemptNo = 0; attemptNo < 3; attemptNo++) {
        const result = await session.dispatch(actor, command, toInstant(tenantNow(session) + aheadMs));
        if (result.ok) {
          setNow(tenantNow(session));
          return { ok: true };
        }
        if (result.reason === 'refused') return { ok: false, error: result.error };
        if (result.reason === 'invalid') {
          const first = result.error.issues[0];
          const target = first?.path.filter((p) => p !== 'command').join('.');
          return { ok: false, error: { code: 'Request_BadRequest', message: result.error.message, ...(target ? { target } : {}) } };
        }
        if (result.reason === 'notFound') return { ok: false, error: { code: 'Request_ResourceNotFound', message: 'This lab attempt was deleted in another tab. Reload the page.' } };
        // conflict: another tab wrote first; the session has caught up, so try again on the new state.
      }
      return { ok: false, error: { code: 'Request_BadRequest', message: 'Another tab keeps changing this lab. Try again.' } };
    },
    [session],
  );

  const dispatch = useCallback((command: Command) => send(account.id, command), [send, account.id]);

  const switchAccount = useCallback(
    async (wanted: string): Promise<DispatchOutcome> => {
      const w = wanted.toLowerCase();
      const user = [...session.state.users.values()].find(
        (u) => u.id === wanted || u.userPrincipalName.toLowerCase() === w || u.userPrincipalName.toLowerCase().split('@')[0] === w,
      );
      if (!user) return { ok: false, error: { code: 'Request_ResourceNotFound', message: `There is no account '${wanted}' in this directory.` } };
      const result = await send(user.id, { type: 'signIn' });
      if (result.ok) {
        setAccountId(user.id);
        tabStorage.setAccount(attemptId, user.id);
      }
      return result;
    },
    [send, session, attemptId],
  );

  // Lesson steps ask for an account with a DOM event; the portal says who is signed in.
  useEffect(() => {
    const onSwitch = (e: Event) => void switchAccount((e as CustomEvent<SwitchAccountDetail>).detail.account);
    window.addEventListener(SWITCH_ACCOUNT_EVENT, onSwitch);
    return () => window.removeEventListener(SWITCH_ACCOUNT_EVENT, onSwitch);
  }, [switchAccount]);
  useEffect(() => announceAccount({ userId: account.id, displayName: account.displayName, userPrincipalName: account.userPrincipalName }), [account]);

  // Time travel from a lesson step (<TimeTravel by="PT2H" />): the core's advanceClock, as this account.
  useEffect(() => {
    const onAdvance = (e: Event) => {
      const { by, requestId } = (e as CustomEvent<AdvanceClockDetail>).detail;
      const ms = parseDuration(by);
      if (ms === null || ms <= 0) {
        answerAdvanceClock({ requestId, ok: false, message: `'${by}' is not a duration to move the clock ahead by (use ISO 8601, e.g. PT2H).` });
        return;
      }
      void send(account.id, { type: 'advanceClock' }, ms).then((result) =>
        answerAdvanceClock(result.ok ? { requestId, ok: true, nowMs: session.state.nowMs } : { requestId, ok: false, message: result.error.message }),
      );
    };
    window.addEventListener(ADVANCE_CLOCK_EVENT, onAdvance);
    return () => window.removeEventListener(ADVANCE_CLOCK_EVENT, onAdvance);
  }, [send, session, account.id]);
  useEffect(() => announceClock({ nowMs: now }), [now]);
  useEffect(() => () => announceClock(null), []);

  const refresh = useCallback(async () => {
    await session.reload();
    setNow(tenantNow(session));
  }, [session]);

  const value = useMemo<Portal>(
    () => ({
      labId,
      attemptId,
      state,
      now,
      account,
      accounts,
      switchAccount,
      dispatch,
      view,
      navigate,
      pane,
      openPane,
      closePane,
      testMode,
      refresh,
      newId: () => crypto.randomUUID(),
    }),
    [labId, attemptId, state, now, account, accounts, switchAccount, dispatch, view, navigate, pane, openPane, closePane, testMode, refresh],
  );
  return <PortalContext.Provider value={value}>{children}</PortalContext.Provider>;
}

/** Display name of a role definition id. */
export const roleName = (id: string) => findRole(id)?.displayName ?? id;
