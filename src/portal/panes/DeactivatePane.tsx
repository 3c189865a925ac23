import {
  Button,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { assignmentRequest } from '../../tenant';
import { DismissIcon } from '../shell/icons';
import { usePaneFocus } from '../shell/usePaneFocus';
import { formatTime, refusalText, scopeName } from '../shell/format';
import { roleName, usePortal } from '../runtime/PortalContext';

// "Deactivate - <Role>" (shared/domain/pim.md §1): the user ends their own activation early. The
// core refuses within 5 minutes of activating; its message is shown here, and nothing changes.

const useStyles = makeStyles({
  subtitle: { color: tokens.colorNeutralForeground3, display: 'block' },
  body: { display: 'flex', flexDirection: 'column', gap: '16px' },
  facts: { display: 'grid', gridTemplateColumns: 'max-content auto', gap: '8px 20px', margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
});

export function DeactivatePane({ assignmentScheduleId }: { assignmentScheduleId: string }) {
  const styles = useStyles();
  const { state, now, account, dispatch, closePane, navigate, newId } = usePortal();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const schedule = state.schedules.get(assignmentScheduleId);
  const activation = schedule?.kind === 'assignment' && schedule.assignmentType === 'Activated' && schedule.principalId === account.id && Math.min(schedule.endMs ?? Infinity, schedule.endedMs ?? Infinity) > now
      ? schedule
      : undefined;
  const role = schedule ? roleName(schedule.roleDefinitionId) : '';
  const closeRef = useRef<HTMLButtonElement>(null);
  usePaneFocus(closeRef);
  const close = <Button ref={closeRef} appearance="subtle" aria-label="Close" icon={<DismissIcon />} onClick={closePane} />;

  const deactivate = async () => {
    if (!activation) return;
    setBusy(true);
    const result = await dispatch(
      assignmentRequest('selfDeactivate', {
        id: newId(),
        principalId: account.id,
        roleDefinitionId: activation.roleDefinitionId,
        directoryScopeId: activation.directoryScopeId,
      }),
    );
    setBusy(false);
    if (result.ok) navigate({ name: 'myRoles', tab: 'active' });
    else setError(refusalText(result.error));
  };

  return (
    <>
      <DrawerHeader>
        <DrawerHeaderTitle action={close}>{role ? `Deactivate - ${role}` : 'Deactivate'}</DrawerHeaderTitle>
        <Text className={styles.subtitle}>Privileged Identity Management | Microsoft Entra roles</Text>
      </DrawerHeader>
      <DrawerBody>
        {activation ? (
          <div className={styles.body}>
            <Text as="p">
              Deactivate your {role} role? You lose its permissions as soon as it is deactivated, and you can activate it again from your eligible
              assignments when you need it.
            </Text>
            <dl className={styles.facts}>
              <dt className={styles.dt}>Role</dt>
              <dd className={styles.dd}>{role}</dd>
              <dt className={styles.dt}>Scope</dt>
              <dd className={styles.dd}>{scopeName(activation.directoryScopeId)}</dd>
              <dt className={styles.dt}>Start time</dt>
              <dd className={styles.dd}>{formatTime(activation.startMs)}</dd>
              <dt className={styles.dt}>End time</dt>
              <dd className={styles.dd}>{formatTime(activation.endMs)}</dd>
            </dl>
            {error && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>The role was not deactivated.</MessageBarTitle>
                  {error}
                </MessageBarBody>
              </MessageBar>
            )}
          </div>
        ) : (
          <MessageBar intent="warning">
            <MessageBarBody>This activation is no longer active. Close this pane and refresh My roles.</MessageBarBody>
          </MessageBar>
        )}
      </DrawerBody>
      <DrawerFooter>
        {activation && (
          <Button appearance="primary" disabled={busy} onClick={() => void deactivate()}>
            Deactivate
          </Button>
        )}
        <Button onClick={closePane}>Cancel</Button>
      </DrawerFooter>
    </>
  );
}
