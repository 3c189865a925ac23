import { Button, DrawerBody, DrawerFooter, Link, makeStyles, MessageBar, MessageBarBody, Spinner, Text, tokens } from '@fluentui/react-components';
import { useMachine } from '@xstate/react';
import { initialTransition, transition } from 'xstate';
import { useEffect, useId, useRef, useState } from 'react';
import { ACTIVATION_STAGES, activationMachine, effectiveEndMs, parseInstant, type RoleAssignmentSchedule } from '../../tenant';
import { CheckmarkCircleIcon, CircleIcon } from '../shell/icons';
import { formatTime } from '../shell/format';
import { roleName, usePortal } from '../runtime/PortalContext';
import { ActivatePaneHeader } from './ActivatePane';

// The Status tab of "Activate - <Role>" (guide step 13). The tenant core saved the activation the
// moment Activate succeeded; this pane replays the three stages with visible timing, by sending the
// core's activation machine STAGE_COMPLETED from timers here (never inside the machine), then
// counts down and refreshes. The pane survives a browser reload (the portal keeps it per tab), so
// progress is derived from the wall time of the submission: a reload resumes, it never starts over.
// After the refresh the pane stays open on the completed stages (the learner reading step 13 still
// sees them) until it is closed; View status in Active assignments opens them again, completed,
// with no second countdown: PIM keeps the request.

/** Per stage: about 2.5 s as in the portal; instant-ish in test mode (`?mode=test`). */
const STAGE_MS = { live: 2500, test: 100 };
/** "Refresh in N second(s)". */
const COUNTDOWN_S = { live: 5, test: 1 };

const useStyles = makeStyles({
  panel: { ':focus': { outline: 'none' }, ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` } },
  stages: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '20px' },
  stage: { display: 'flex', alignItems: 'flex-start', gap: '12px' },
  icon: { width: '20px', height: '20px', flexShrink: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', marginTop: '2px' },
  done: { color: tokens.colorPaletteGreenForeground1 },
  pending: { color: tokens.colorNeutralForeground3 },
  stageTitle: { display: 'block', fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  after: { marginTop: '24px', display: 'flex', flexDirection: 'column', gap: '8px' },
  notice: { marginBottom: '16px' },
  srOnly: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    margin: '-1px',
    padding: 0,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
    border: 0,
  },
});

interface Props {
  requestId: string;
  roleDefinitionId: string;
  /** Set on a fresh submission (the stages play, then the refresh); absent when opened again. */
  submittedWallMs?: number | undefined;
  /** The refresh after a fresh submission has happened. */
  refreshed?: boolean | undefined;
}

export function ActivationStatusPane({ requestId, roleDefinitionId, submittedWallMs, refreshed = false }: Props) {
  const { state, closePane, navigate, openPane } = usePortal();
  const base = useId();
  const ids = { roles: `${base}-roles`, activate: `${base}-activate`, status: `${base}-status` };
  const request = state.requests.get(requestId);
  const schedule = request?.targetScheduleId ? state.schedules.get(request.targetScheduleId) : undefined;
  return (
    <>
      <ActivatePaneHeader roleDefinitionId={roleDefinitionId} tab="status" ids={ids} />
      {request && schedule?.kind === 'assignment' ? (
        <StatusBody
          key={requestId}
          schedule={schedule}
          requestCreatedMs={parseInstant(request.createdDateTime) ?? schedule.startMs}
          submittedWallMs={refreshed ? undefined : submittedWallMs}
          refreshed={refreshed}
          // The refreshed blade behind is My roles › Active assignments, and this pane stays on it.
          onRefreshed={() => {
            navigate({ name: 'myRoles', tab: 'active' });
            openPane({ name: 'activationStatus', requestId, roleDefinitionId, refreshed: true });
          }}
          panelLabelledBy={ids.status}
        />
      ) : (
        <>
          <DrawerBody>
            <div role="tabpanel" aria-labelledby={ids.status}>
              <MessageBar intent="warning">
                <MessageBarBody>This activation request was not found in your lab. It may have been reset in another tab.</MessageBarBody>
              </MessageBar>
            </div>
          </DrawerBody>
          <DrawerFooter>
            <Button onClick={closePane}>Close</Button>
          </DrawerFooter>
        </>
      )}
    </>
  );
}

function StatusBody({
  schedule,
  requestCreatedMs,
  submittedWallMs,
  refreshed,
  onRefreshed,
  panelLabelledBy,
}: {
  schedule: RoleAssignmentSchedule;
  requestCreatedMs: number;
  submittedWallMs: number | undefined;
  refreshed: boolean;
  onRefreshed: () => void;
  panelLabelledBy: string;
}) {
  const styles = useStyles();
  const { now, testMode, refresh, closePane } = usePortal();
  const stageMs = testMode ? STAGE_MS.test : STAGE_MS.live;
  const countdownS = testMode ? COUNTDOWN_S.test : COUNTDOWN_S.live;
  /** A fresh submission whose refresh is still to come: the stages play, then the countdown. */
  const fresh = submittedWallMs !== undefined;
  const endMs = effectiveEndMs(schedule);

  // Stage 1 starts when the activation does: at submission, or at its custom start time (mapped to
  // wall time). Opened again (no submission time), every stage is already over.
  const stagesFromWallMs = fresh ? submittedWallMs + Math.max(0, schedule.startMs - requestCreatedMs) : Number.NEGATIVE_INFINITY;
  const dueOf = (state: string) => (state === 'processing' ? stagesFromWallMs + stageMs : state === 'validating' ? stagesFromWallMs + 2 * stageMs : null);

  // The core's activation machine, from the submission (input) with the stages already over when
  // the pane (re)opens completed at once: a reload during Stage 2 shows Stage 2, never Stage 1 again.
  const [input] = useState(() => ({ now, startMs: schedule.startMs, endMs }));
  const [restored] = useState(() => {
    let [snap] = initialTransition(activationMachine, input);
    for (let due = dueOf(String(snap.value)); due !== null && due <= Date.now(); due = dueOf(String(snap.value)))
      [snap] = transition(activationMachine, snap, { type: 'STAGE_COMPLETED' });
    return activationMachine.getPersistedSnapshot(snap);
  });
  const [snapshot, send] = useMachine(activationMachine, { input, snapshot: restored });
  const value = String(snapshot.value);
  const stage: number | undefined = (snapshot.getMeta() as Record<string, { stage?: number } | undefined>)[`activation.${value}`]?.stage;

  // Then each stage completes on a timer aligned to the submission.
  useEffect(() => {
    const due = dueOf(value);
    if (due === null) return;
    const timer = setTimeout(() => send({ type: 'STAGE_COMPLETED' }), Math.max(0, due - Date.now()));
    return () => clearTimeout(timer);
  }, [value, stagesFromWallMs, stageMs, send]);

  // A custom start time: the machine waits for it (time is an event).
  useEffect(() => {
    if (value !== 'waitingForStart') return;
    const timer = setInterval(() => send({ type: 'TICK', now: Math.max(Date.now(), now) }), 1000);
    return () => clearInterval(timer);
  }, [value, now, send]);

  // After stage 3: "Refresh in N second(s)", then refresh and show Active assignments.
  const countdownFromWallMs = stagesFromWallMs + 2 * stageMs;
  const [wallNow, setWallNow] = useState(() => Date.now());
  const [canceled, setCanceled] = useState(false);
  const refreshing = useRef(false);
  const completed = value === 'active';
  const countingDown = completed && fresh && !canceled;
  useEffect(() => {
    if (!countingDown) return;
    const timer = setInterval(() => setWallNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [countingDown]);
  const remaining = Math.max(0, countdownS - Math.floor(Math.max(0, wallNow - countdownFromWallMs) / 1000));

  // Closed while the refresh ran: it stays closed.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => void (mounted.current = false);
  }, []);
  const finish = async () => {
    if (refreshing.current) return;
    refreshing.current = true;
    await refresh();
    if (mounted.current) onRefreshed();
  };
  useEffect(() => {
    if (countingDown && remaining === 0) void finish();
  });

  // Announced in words of its own, so the stage texts appear once on the page (and once to find).
  const live =
    value === 'waitingForStart'
      ? `Activation scheduled for ${formatTime(schedule.startMs)}.`
      : stage === 1
        ? 'Activation in progress (1 of 3): processing and activating your role.'
        : stage === 2
          ? 'Activation in progress (2 of 3): validating the activation.'
          : stage === 3 && fresh
            ? 'Activation complete (3 of 3). My roles refreshes automatically.'
            : stage === 3 && refreshed
              ? `My roles refreshed: ${roleName(schedule.roleDefinitionId)} is active.`
              : '';

  // The live region exists before its first text, so screen readers announce every stage.
  const [announced, setAnnounced] = useState('');
  useEffect(() => setAnnounced(live), [live]);
  // The Activate button that had focus is gone: focus moves to the status, inside the pane.
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => panel.current?.focus(), []);

  return (
    <>
      <DrawerBody>
        <div role="tabpanel" aria-labelledby={panelLabelledBy} tabIndex={-1} ref={panel} className={styles.panel}>
          <div role="status" aria-live="polite" className={styles.srOnly}>
            {announced}
          </div>
          {value === 'waitingForStart' && (
            <MessageBar intent="info" className={styles.notice}>
              <MessageBarBody>Your request was accepted. The role will be activated at {formatTime(schedule.startMs)}.</MessageBarBody>
            </MessageBar>
          )}
          {value === 'expired' && (
            <MessageBar intent="info" className={styles.notice}>
              <MessageBarBody>This activation has already ended.</MessageBarBody>
            </MessageBar>
          )}
          {stage !== undefined || value === 'waitingForStart' ? (
            <ol className={styles.stages} aria-label="Activation stages">
              {ACTIVATION_STAGES.map((s) => {
                const status = stage === undefined ? 'pending' : stage === 3 || s.stage < stage ? 'done' : s.stage === stage ? 'current' : 'pending';
                return (
                  <li key={s.stage} className={styles.stage} aria-current={status === 'current' ? 'step' : undefined}>
                    <span className={`${styles.icon} ${status === 'done' ? styles.done : status === 'pending' ? styles.pending : ''}`}>
                      {status === 'current' ? <Spinner size="extra-tiny" aria-label="In progress" /> : status === 'done' ? <CheckmarkCircleIcon /> : <CircleIcon />}
                    </span>
                    <span>
                      <Text className={`${styles.stageTitle} ${status === 'pending' ? styles.muted : ''}`}>Stage {s.stage}</Text>
                      <Text className={status === 'pending' ? styles.muted : undefined}>{s.text}</Text>
                      <span className={styles.srOnly}>{status === 'done' ? ' (completed)' : status === 'pending' ? ' (not started)' : ''}</span>
                    </span>
                  </li>
                );
              })}
            </ol>
          ) : null}
          {completed && (
            <div className={styles.after}>
              {(fresh || refreshed) && (
                <Text>When the final stage completes your browser will automatically refresh. You do not have to sign-out and back in again.</Text>
              )}
              {fresh ? (
                canceled ? (
                  <Text>Automatic refresh canceled.</Text>
                ) : (
                  <Text>
                    Refresh in {remaining} second(s){' '}
                    <Link as="button" onClick={() => setCanceled(true)}>
                      Cancel
                    </Link>
                  </Text>
                )
              ) : (
                <MessageBar intent="success">
                  <MessageBarBody>
                    {refreshed ? 'Refreshed. ' : ''}
                    {roleName(schedule.roleDefinitionId)} is active{Number.isFinite(endMs) ? ` until ${formatTime(endMs)}` : ''}.
                  </MessageBarBody>
                </MessageBar>
              )}
            </div>
          )}
        </div>
      </DrawerBody>
      <DrawerFooter>
        {completed && fresh && canceled && (
          <Button appearance="primary" onClick={() => void finish()}>
            Refresh
          </Button>
        )}
        <Button onClick={closePane}>Close</Button>
      </DrawerFooter>
    </>
  );
}
