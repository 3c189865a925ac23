import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  Field,
  Input,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Slider,
  SpinButton,
  Tab,
  TabList,
  Text,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useRef, useState } from 'react';
import {
  activationRequest,
  formatDuration,
  HOUR_MS,
  JUSTIFICATION_MAX_LENGTH,
  parseDuration,
  policyOf,
  roleSettingsOf,
  toInstant,
  type PolicyRuleName,
  type TenantError,
} from '../../tenant';
// Descriptions load with this pane, not with the page (the pane itself is loaded on demand).
import { roleDescription } from '../../tenant/catalog/roleDescriptions';
import { DismissIcon } from '../shell/icons';
import { usePaneFocus } from '../shell/usePaneFocus';
import { formatTime, scopeName } from '../shell/format';
import { roleName, usePortal } from '../runtime/PortalContext';

// "Activate - <Role>" (guide step 12, shared/domain/pim.md §1 Activation flow): MFA once per
// session when the role asks for it, an optional custom start time, a duration up to the role's
// maximum, a reason, and ticket information if required. The form checks nothing itself: the tenant
// core decides, and each refusal is shown next to the field it is about.

const useStyles = makeStyles({
  subtitle: { color: tokens.colorNeutralForeground3, display: 'block' },
  tabs: { marginBottom: '12px' },
  form: { display: 'flex', flexDirection: 'column', gap: '16px', paddingBottom: '8px' },
  row: { display: 'flex', alignItems: 'center', gap: '12px' },
  slider: { flexGrow: 1, minWidth: 0 },
  spin: { width: '96px', flexShrink: 0 },
  dateTime: { display: 'flex', gap: '12px', flexWrap: 'wrap' },
  countOver: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  facts: { display: 'grid', gridTemplateColumns: 'max-content auto', gap: '8px 20px', margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
  number: { fontSize: '40px', fontWeight: tokens.fontWeightSemibold, textAlign: 'center', margin: '12px 0', letterSpacing: '2px' },
  footer: { justifyContent: 'flex-start' },
});

/** The header the Activate and Status panes share: "Activate - <Role>" and the pane's tabs. */
export function ActivatePaneHeader({
  roleDefinitionId,
  tab,
  onTab,
  ids,
}: {
  roleDefinitionId: string;
  tab: 'roles' | 'activate' | 'status';
  onTab?: (tab: 'roles' | 'activate') => void;
  ids: { roles: string; activate: string; status: string };
}) {
  const styles = useStyles();
  const { closePane } = usePortal();
  const close = useRef<HTMLButtonElement>(null);
  usePaneFocus(close);
  return (
    <DrawerHeader>
      <DrawerHeaderTitle action={<Button ref={close} appearance="subtle" aria-label="Close" icon={<DismissIcon />} onClick={closePane} />}>
        Activate - {roleName(roleDefinitionId)}
      </DrawerHeaderTitle>
      <Text className={styles.subtitle}>Privileged Identity Management | Microsoft Entra roles</Text>
      <TabList
        className={styles.tabs}
        selectedValue={tab}
        onTabSelect={(_, d) => onTab?.(d.value as 'roles' | 'activate')}
        aria-label={`Activate - ${roleName(roleDefinitionId)}`}
      >
        <Tab id={ids.roles} value="roles" disabled={!onTab}>
          Roles
        </Tab>
        <Tab id={ids.activate} value="activate" disabled={!onTab}>
          Activate
        </Tab>
        <Tab id={ids.status} value="status" disabled={tab !== 'status'}>
          Status
        </Tab>
      </TabList>
    </DrawerHeader>
  );
}

type FieldKey = 'mfa' | 'start' | 'duration' | 'reason' | 'ticket' | 'form';

function fieldOf(target: string | undefined): FieldKey {
  if (!target) return 'form';
  if (target === 'mfa') return 'mfa';
  if (target === 'justification') return 'reason';
  if (target.startsWith('scheduleInfo.expiration')) return 'duration';
  if (target.startsWith('scheduleInfo')) return 'start';
  if (target.startsWith('ticketInfo')) return 'ticket';
  return 'form';
}

const RULE_FIELD: Record<PolicyRuleName, FieldKey> = {
  MfaRule: 'mfa',
  ExpirationRule: 'duration',
  JustificationRule: 'reason',
  TicketingRule: 'ticket',
  EligibilityRule: 'form',
};

// Which failed rule a sentence of the core's message explains (the core writes one per failure).
const RULE_WORDS: [PolicyRuleName, RegExp][] = [
  ['ExpirationRule', /activation duration|activation must end/i],
  ['MfaRule', /multifactor|verification/i],
  ['TicketingRule', /ticket/i],
  ['JustificationRule', /reason/i],
  ['EligibilityRule', /eligib/i],
];

/**
 * The core's error, by form field. A policy refusal lists every failed rule in one message
 * ("The following policy rules failed: [...]. <why> <why>"), so each field gets its own sentence.
 */
export function errorsByField(error: TenantError): Partial<Record<FieldKey, string>> {
  const rules = error.failedRules ?? [];
  const head = /^The following policy rules failed: \[[^\]]*\]\.\s*/.exec(error.message);
  if (rules.length <= 1 || !head) return { [fieldOf(error.target)]: error.message };
  const sentences = error.message.slice(head[0].length).split(/(?<=\.)\s+(?=[A-Z])/);
  const out: Partial<Record<FieldKey, string>> = {};
  for (const rule of rules) {
    const words = RULE_WORDS.find(([r]) => r === rule)?.[1];
    const why = sentences.filter((s) => words?.test(s) && RULE_WORDS.find(([, w]) => w.test(s))?.[0] === rule).join(' ');
    const field = RULE_FIELD[rule];
    const text = why ? `The following policy rules failed: ["${rule}"]. ${why}` : error.message;
    out[field] = out[field] ? `${out[field]} ${text}` : text;
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const localTime = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** The custom start as Graph wants it (UTC instant); text the core will refuse if it is not a date and time. */
function startInstant(date: string, time: string): string {
  const ms = new Date(`${date}T${time}`).getTime();
  return Number.isFinite(ms) ? toInstant(ms) : `${date}T${time}`;
}

/** Hours from the form to an ISO 8601 duration: 8 → PT8H, 2.5 → PT2H30M (0 or less → PT0S, refused as too short). */
export const hoursToDuration = (hours: number | null) => formatDuration(hours !== null && Number.isFinite(hours) ? Math.round(hours * HOUR_MS) : 0);

export function ActivatePane({ eligibilityScheduleId }: { eligibilityScheduleId: string }) {
  const { state, account, closePane } = usePortal();
  const close = useRef<HTMLButtonElement>(null);
  usePaneFocus(close);
  const eligibility = state.schedules.get(eligibilityScheduleId);
  if (!eligibility || eligibility.kind !== 'eligibility' || eligibility.principalId !== account.id) {
    return (
      <>
        <DrawerHeader>
          <DrawerHeaderTitle action={<Button ref={close} appearance="subtle" aria-label="Close" icon={<DismissIcon />} onClick={closePane} />}>
            Activate
          </DrawerHeaderTitle>
        </DrawerHeader>
        <DrawerBody>
          <MessageBar intent="warning">
            <MessageBarBody>This eligible assignment is no longer available to {account.displayName}. Close this pane and refresh My roles.</MessageBarBody>
          </MessageBar>
        </DrawerBody>
        <DrawerFooter>
          <Button onClick={closePane}>Close</Button>
        </DrawerFooter>
      </>
    );
  }
  return <ActivateForm key={eligibility.id} roleDefinitionId={eligibility.roleDefinitionId} directoryScopeId={eligibility.directoryScopeId} eligibilityEndMs={eligibility.endMs} />;
}

function ActivateForm({
  roleDefinitionId,
  directoryScopeId,
  eligibilityEndMs,
}: {
  roleDefinitionId: string;
  directoryScopeId: string;
  eligibilityEndMs: number | null;
}) {
  const styles = useStyles();
  const { state, account, dispatch, openPane, closePane, newId } = usePortal();
  const base = useId();
  const ids = { roles: `${base}-roles`, activate: `${base}-activate`, status: `${base}-status` };
  const settings = roleSettingsOf(policyOf(state, roleDefinitionId));
  const maxHours = Math.max(0.5, (parseDuration(settings.activationMaximumDuration) ?? 8 * HOUR_MS) / HOUR_MS);
  const mfaDone = state.sessions.get(account.id)?.mfaCompletedMs != null;
  const mfaNeeded = settings.requireMfaOnActivation && !mfaDone;

  const [tab, setTab] = useState<'roles' | 'activate'>('activate');
  const [customStart, setCustomStart] = useState(false);
  const [startDate, setStartDate] = useState(() => localDate(new Date()));
  const [startTime, setStartTime] = useState(() => localTime(new Date()));
  const [hours, setHours] = useState<number | null>(maxHours);
  const [reason, setReason] = useState('');
  const [ticketNumber, setTicketNumber] = useState('');
  const [ticketSystem, setTicketSystem] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [submitting, setSubmitting] = useState(false);
  const [mfaOpen, setMfaOpen] = useState(false);
  const [mfaDenied, setMfaDenied] = useState(false);
  const formRef = useRef<HTMLDivElement>(null);
  const firstField = useRef<HTMLInputElement>(null);
  const [focusError, setFocusError] = useState(0);

  // After a refusal, move focus to the first field the core complained about.
  useEffect(() => {
    if (!focusError) return;
    const invalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
  }, [focusError]);

  const clear = (field: FieldKey) => setErrors((e) => (e[field] || e.form ? { ...e, [field]: undefined, form: undefined } : e));

  const submit = async () => {
    setSubmitting(true);
    const id = newId();
    const command = {
      ...activationRequest({
        id,
        principalId: account.id,
        roleDefinitionId,
        directoryScopeId,
        duration: hoursToDuration(hours),
        justification: reason,
        startDateTime: customStart ? startInstant(startDate, startTime) : null,
      }),
      ticketInfo: settings.requireTicketInformationOnActivation ? { ticketNumber, ticketSystem } : null,
    };
    const result = await dispatch(command);
    setSubmitting(false);
    if (result.ok) {
      openPane({ name: 'activationStatus', requestId: id, roleDefinitionId, submittedWallMs: Date.now() });
      return;
    }
    const byField = errorsByField(result.error);
    // An unreadable start never reaches the rules: the request's schema refuses it, in Graph's terms.
    if (byField.start && result.error.code === 'Request_BadRequest') byField.start = 'Enter a valid start date and time.';
    setErrors(byField);
    setFocusError((n) => n + 1);
  };

  const over = reason.length > JUSTIFICATION_MAX_LENGTH;
  const msg = (field: FieldKey): { validationMessage?: string; validationState?: 'error' } =>
    errors[field] ? { validationMessage: errors[field], validationState: 'error' } : {};

  return (
    <>
      <ActivatePaneHeader roleDefinitionId={roleDefinitionId} tab={tab} onTab={setTab} ids={ids} />
      <DrawerBody>
        {tab === 'roles' ? (
          <div role="tabpanel" aria-labelledby={ids.roles}>
            <dl className={styles.facts}>
              <dt className={styles.dt}>Role</dt>
              <dd className={styles.dd}>{roleName(roleDefinitionId)}</dd>
              <dt className={styles.dt}>Scope</dt>
              <dd className={styles.dd}>{scopeName(directoryScopeId)}</dd>
              <dt className={styles.dt}>Membership</dt>
              <dd className={styles.dd}>Direct</dd>
              <dt className={styles.dt}>Eligibility ends</dt>
              <dd className={styles.dd}>{formatTime(eligibilityEndMs)}</dd>
              <dt className={styles.dt}>Description</dt>
              <dd className={styles.dd}>{roleDescription(roleDefinitionId) ?? ''}</dd>
            </dl>
          </div>
        ) : (
          <div role="tabpanel" aria-labelledby={ids.activate} className={styles.form} ref={formRef}>
            {(mfaNeeded || errors.mfa) && (
              <MessageBar intent={errors.mfa || mfaDenied ? 'error' : 'warning'} layout="multiline">
                <MessageBarBody>
                  Additional verification required.{' '}
                  <Link as="button" onClick={() => setMfaOpen(true)} disabled={!mfaNeeded}>
                    Click to continue
                  </Link>
                  {mfaDenied && <div>You denied the sign-in request. Verify your identity to activate this role.</div>}
                  {errors.mfa && <div>{errors.mfa}</div>}
                </MessageBarBody>
              </MessageBar>
            )}
            {errors.form && (
              <MessageBar intent="error" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>The role was not activated.</MessageBarTitle>
                  {errors.form}
                </MessageBarBody>
              </MessageBar>
            )}
            <div>
              <Checkbox
                ref={firstField}
                label="Custom activation start time"
                checked={customStart}
                onChange={(_, d) => {
                  setCustomStart(d.checked === true);
                  clear('start');
                }}
              />
              {customStart && (
                <div className={styles.dateTime}>
                  <Field label="Start date" {...msg('start')}>
                    <Input
                      type="date"
                      value={startDate}
                      onChange={(_, d) => {
                        setStartDate(d.value);
                        clear('start');
                      }}
                    />
                  </Field>
                  <Field label="Start time" validationState={errors.start ? 'error' : undefined}>
                    <Input
                      type="time"
                      value={startTime}
                      onChange={(_, d) => {
                        setStartTime(d.value);
                        clear('start');
                      }}
                    />
                  </Field>
                </div>
              )}
            </div>
            <Field label="Duration (hours)" hint={`Up to ${maxHours} hour(s) for this role.`} {...msg('duration')}>
              <div className={styles.row}>
                <Slider
                  id={`${base}-duration-slider`}
                  className={styles.slider}
                  min={0.5}
                  max={maxHours}
                  step={0.5}
                  value={Math.min(maxHours, Math.max(0.5, hours ?? 0.5))}
                  onChange={(_, d) => {
                    setHours(d.value);
                    clear('duration');
                  }}
                />
                <SpinButton
                  className={styles.spin}
                  min={0.5}
                  max={maxHours}
                  step={0.5}
                  value={hours}
                  onChange={(_, d) => {
                    const v = d.value ?? (d.displayValue === undefined ? null : parseFloat(d.displayValue));
                    setHours(v === null || Number.isNaN(v) ? null : v);
                    clear('duration');
                  }}
                />
              </div>
            </Field>
            <Field
              label="Reason (max 500 characters)"
              required={settings.requireJustificationOnActivation}
              hint={{ children: `${reason.length}/${JUSTIFICATION_MAX_LENGTH} characters`, className: over ? styles.countOver : undefined }}
              {...msg('reason')}
            >
              <Textarea
                resize="vertical"
                rows={4}
                value={reason}
                onChange={(_, d) => {
                  setReason(d.value);
                  clear('reason');
                }}
              />
            </Field>
            {settings.requireTicketInformationOnActivation && (
              <>
                <Field label="Ticket number" required {...msg('ticket')}>
                  <Input
                    value={ticketNumber}
                    onChange={(_, d) => {
                      setTicketNumber(d.value);
                      clear('ticket');
                    }}
                  />
                </Field>
                <Field label="Ticket system" required validationState={errors.ticket ? 'error' : undefined}>
                  <Input
                    value={ticketSystem}
                    onChange={(_, d) => {
                      setTicketSystem(d.value);
                      clear('ticket');
                    }}
                  />
                </Field>
              </>
            )}
          </div>
        )}
      </DrawerBody>
      <DrawerFooter className={styles.footer}>
        <Button appearance="primary" disabled={mfaNeeded || submitting} onClick={() => void submit()}>
          Activate
        </Button>
        <Button onClick={closePane}>Cancel</Button>
      </DrawerFooter>
      <MfaPrompt
        open={mfaOpen}
        upn={account.userPrincipalName}
        onApprove={async () => {
          const result = await dispatch({ type: 'completeMfa', method: 'microsoftAuthenticator' });
          if (!result.ok) return result.error.message;
          setMfaOpen(false);
          setMfaDenied(false);
          clear('mfa');
          return null;
        }}
        onDeny={() => {
          setMfaOpen(false);
          setMfaDenied(true);
        }}
        onClosed={() => {
          // Verified: the banner and its "Click to continue" (where focus would return) are gone.
          if (!formRef.current?.contains(document.activeElement)) (firstField.current ?? formRef.current)?.focus();
        }}
      />
    </>
  );
}

/** Runs `run` when it unmounts: a dialog's content unmounts once its closing animation has ended. */
function OnUnmount({ run }: { run: () => void }) {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => () => void setTimeout(() => latest.current(), 0), []);
  return null;
}

/** A stand-in for the Microsoft Authenticator number-matching prompt. */
function MfaPrompt({
  open,
  upn,
  onApprove,
  onDeny,
  onClosed,
}: {
  open: boolean;
  upn: string;
  onApprove: () => Promise<string | null>;
  onDeny: () => void;
  onClosed: () => void;
}) {
  const styles = useStyles();
  const [number, setNumber] = useState(() => 10 + Math.floor(Math.random() * 90));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (open) {
      setNumber(10 + Math.floor(Math.random() * 90));
      setError(null);
    }
  }, [open]);
  return (
    <Dialog open={open} modalType="modal" onOpenChange={(_, d) => !d.open && onDeny()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Approve sign-in request</DialogTitle>
          <OnUnmount run={onClosed} />
          <DialogContent>
            <Text block weight="semibold">
              {upn}
            </Text>
            <Text block>Open your Microsoft Authenticator app and enter the number shown to sign in.</Text>
            <p className={styles.number}>{number}</p>
            <Text block size={200}>
              In this simulator, select Approve to approve the request in the app, or Deny if you did not start this sign-in.
            </Text>
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              disabled={busy}
              onClick={async () => {
                setBusy(true);
                setError(await onApprove());
                setBusy(false);
              }}
            >
              Approve
            </Button>
            <Button onClick={onDeny}>Deny</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
