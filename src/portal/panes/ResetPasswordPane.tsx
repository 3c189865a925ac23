import {
  Button,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useRef, useState } from 'react';
import { summarizePassword } from '../../tenant';
import { usePortal } from '../runtime/PortalContext';
import { CopyIcon, DismissIcon } from '../shell/icons';
import { generatePassword } from '../shell/temporaryPassword';
import { usePaneFocus } from '../shell/usePaneFocus';

// Users > user > Overview > Reset password: the admin center's pane. Reset password draws a
// temporary password in the browser and sends the core only its summary (resetPassword, with a
// change required at next sign-in); the password is shown once, here, and never stored. A refusal
// (e.g. the role that allowed it expired meanwhile) is the core's message, shown in the pane.

const useStyles = makeStyles({
  subtitle: { color: tokens.colorNeutralForeground3, display: 'block' },
  body: { display: 'flex', flexDirection: 'column', gap: '16px' },
  row: { display: 'flex', gap: '6px', alignItems: 'center' },
  password: { flexGrow: 1, fontFamily: tokens.fontFamilyMonospace },
});

export function ResetPasswordPane({ userId }: { userId: string }) {
  const styles = useStyles();
  const { state, dispatch, closePane } = usePortal();
  const user = state.users.get(userId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The temporary password lives in this component only: closing the pane forgets it.
  const [temporary, setTemporary] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const closeRef = useRef<HTMLButtonElement>(null);
  usePaneFocus(closeRef);

  const reset = async () => {
    if (!user) return;
    setBusy(true);
    setError(null);
    const password = generatePassword();
    const result = await dispatch({ type: 'resetPassword', userId: user.id, forceChangePasswordNextSignIn: true, password: summarizePassword(password) });
    setBusy(false);
    if (result.ok) setTemporary(password);
    else setError(result.error.message);
  };

  const copy = () => {
    if (!temporary) return;
    void navigator.clipboard
      ?.writeText(temporary)
      .then(() => setCopied(true))
      .catch(() => undefined);
  };

  return (
    <>
      <DrawerHeader>
        <DrawerHeaderTitle action={<Button ref={closeRef} appearance="subtle" aria-label="Close" icon={<DismissIcon />} onClick={closePane} />}>
          Reset password
        </DrawerHeaderTitle>
        {user && <Text className={styles.subtitle}>{user.displayName}</Text>}
      </DrawerHeader>
      <DrawerBody>
        {!user ? (
          <MessageBar intent="warning">
            <MessageBarBody>This user does not exist in the directory (it may have been deleted).</MessageBarBody>
          </MessageBar>
        ) : temporary ? (
          <div className={styles.body}>
            <MessageBar intent="success" role="status">
              <MessageBarBody>
                <MessageBarTitle>The password was reset.</MessageBarTitle>
                {user.displayName} will be required to change it at next sign-in.
              </MessageBarBody>
            </MessageBar>
            <Field label="Temporary password" hint="Copy it now and give it to the user: it is shown only once.">
              <div className={styles.row}>
                <Input className={styles.password} readOnly value={temporary} />
                <Button icon={<CopyIcon />} onClick={copy} aria-label={copied ? 'Copied' : 'Copy to clipboard'} />
              </div>
            </Field>
          </div>
        ) : (
          <div className={styles.body}>
            <Text as="p">
              Resetting the password gives {user.displayName} ({user.userPrincipalName}) a temporary password. The user will be required to change it at
              next sign-in.
            </Text>
            {error && (
              <MessageBar intent="error" layout="multiline" role="alert">
                <MessageBarBody>
                  <MessageBarTitle>The password was not reset.</MessageBarTitle>
                  {error}
                </MessageBarBody>
              </MessageBar>
            )}
          </div>
        )}
      </DrawerBody>
      <DrawerFooter>
        {user && !temporary && (
          <Button appearance="primary" disabled={busy} onClick={() => void reset()}>
            Reset password
          </Button>
        )}
        <Button onClick={closePane}>{temporary ? 'Close' : 'Cancel'}</Button>
      </DrawerFooter>
    </>
  );
}
