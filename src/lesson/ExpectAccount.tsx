import { useEffect, useId, useRef, useState } from 'react';
import { ACCOUNT_CHANGED_EVENT, currentAccount, requestSwitchAccount, type AccountChangedDetail } from '../portal/runtime/events';

// "This step uses demouser" with a button that asks the simulator to switch, and the account the
// simulator is signed in as. Plain React and DOM events only — no Fluent UI, no Dexie — so the
// island stays a few KB on top of React. It talks to the simulator through window events
// (src/portal/runtime/events.ts): the simulator announces every sign-in, and listens for requests.

export interface ExpectAccountProps {
  /** How the lesson names it: "the main account", "demouser". */
  label: string;
  /** Its sign-in name, e.g. demouser@mydirectory.onmicrosoft.com: what the simulator switches to. */
  upn: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export default function ExpectAccount({ label, upn }: ExpectAccountProps) {
  // Unknown until mounted: the server render must not guess (the account lives in the browser tab).
  const [signedIn, setSignedIn] = useState<AccountChangedDetail | null>(null);
  const [pending, setPending] = useState(false);
  // The server-rendered button does nothing until hydrated: keep it disabled till then, so that an
  // early click is not lost.
  const [hydrated, setHydrated] = useState(false);
  const pendingRef = useRef(false);
  const headingId = useId();

  useEffect(() => {
    setHydrated(true);
    setSignedIn(currentAccount);
    const onChanged = (e: Event) => {
      const detail = (e as CustomEvent<AccountChangedDetail>).detail;
      setSignedIn(detail);
      // A click that came before the simulator was ready: it is listening now.
      if (pendingRef.current) {
        pendingRef.current = false;
        setPending(false);
        if (!same(detail.userPrincipalName, upn)) requestSwitchAccount(upn);
      }
    };
    window.addEventListener(ACCOUNT_CHANGED_EVENT, onChanged);
    return () => window.removeEventListener(ACCOUNT_CHANGED_EVENT, onChanged);
  }, [upn]);

  // By sign-in name: a mail nickname need not be the part before the @.
  const matches = signedIn !== null && same(signedIn.userPrincipalName, upn);

  const onClick = () => {
    if (matches) return;
    if (currentAccount === null) {
      // The simulator has not announced itself yet, so nothing listens for the request: hold it.
      pendingRef.current = true;
      setPending(true);
      return;
    }
    requestSwitchAccount(upn);
  };

  let status: string;
  if (signedIn === null) status = pending ? 'The simulator is starting; it will switch as soon as it is ready.' : 'The simulator is starting…';
  else status = `You are signed in as ${signedIn.displayName} (${signedIn.userPrincipalName})${matches ? ': the account this step uses.' : '.'}`;

  return (
    <section className={`expect-account${matches ? ' expect-account-ok' : ''}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="expect-account-title">
        This step uses {label}
      </h2>
      <p className="expect-account-upn">
        <code>{upn}</code>
      </p>
      <p className="expect-account-status" role="status">
        {matches && (
          <span className="expect-account-check" aria-hidden="true">
            ✓{' '}
          </span>
        )}
        {status}
      </p>
      <button type="button" className="lesson-button" onClick={onClick} disabled={!hydrated} aria-disabled={matches || undefined}>
        Switch to {label}
      </button>
    </section>
  );
}
