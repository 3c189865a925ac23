import {
  Button,
  Checkbox,
  Combobox,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  Dropdown,
  Field,
  InfoLabel,
  Input,
  Label,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Tab,
  TabList,
  Text,
  Textarea,
  tokens,
  useId,
  type LabelProps,
  type PositioningProps,
} from '@fluentui/react-components';
import { memo, useCallback, useMemo, useState } from 'react';
import {
  assignmentRequest,
  DAY_MS,
  eligibilityRequest,
  findRole,
  HOUR_MS,
  parseDuration,
  policyOf,
  roleDefinitions,
  roleSettingsOf,
  schedule,
  toInstant,
  type TenantError,
} from '../../tenant';
// Descriptions load with this pane, not with the page (the pane itself is loaded on demand).
import { roleDescription } from '../../tenant/catalog/roleDescriptions';
import { usePortal } from '../runtime/PortalContext';
import { notices } from '../runtime/tabStorage';
import { DismissIcon } from '../shell/icons';

// PIM's "Add assignments" pane (guide steps 5 and 6): Membership (role, scope, member) then Setting
// (Eligible or Active, permanent or a start and end, justification for Active), and Assign. The
// form only turns what was typed into a request: the tenant core decides, and its refusal shows
// next to the field it names (end before start, too short, justification) or above the form.

type PaneTab = 'membership' | 'setting';
type AssignmentType = 'eligible' | 'active';

const LEARN_MORE = 'https://learn.microsoft.com/entra/identity/role-based-access-control/groups-concept';

const pad = (n: number) => String(n).padStart(2, '0');
/** Value of an <input type="date"> for the instant, in the learner's time zone. */
const dateInput = (ms: number) => {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};
/** Value of an <input type="time" step="1">. */
const timeInput = (ms: number) => {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
};
/** The local date and time the learner typed, as epoch ms (null when either is not a valid value). */
function localInstant(date: string, time: string): number | null {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(time);
  if (!dm || !tm) return null;
  const ms = new Date(+dm[1]!, +dm[2]! - 1, +dm[3]!, +tm[1]!, +tm[2]!, +(tm[3] ?? 0)).getTime();
  return Number.isFinite(ms) ? ms : null;
}
const plusOneYear = (ms: number) => {
  const d = new Date(ms);
  d.setFullYear(d.getFullYear() + 1);
  return d.getTime();
};

/** An ISO duration as the portal words it: P365D "1 year", P180D "6 months", P15D "15 days". */
function durationWords(iso: string): string {
  const ms = parseDuration(iso) ?? 0;
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (ms % DAY_MS === 0) {
    const days = ms / DAY_MS;
    if (days >= 365 && days % 365 === 0) return plural(days / 365, 'year');
    if (days >= 30 && days % 30 === 0) return plural(days / 30, 'month');
    return plural(days, 'day');
  }
  if (ms % HOUR_MS === 0) return plural(ms / HOUR_MS, 'hour');
  return iso;
}

const useStyles = makeStyles({
  subtitle: { color: tokens.colorNeutralForeground3, display: 'block' },
  body: { display: 'flex', flexDirection: 'column', gap: '16px', paddingBottom: '16px' },
  tabs: { marginInline: '-10px' },
  readOnly: { display: 'flex', flexDirection: 'column', gap: '2px' },
  readOnlyLabel: { fontWeight: tokens.fontWeightSemibold },
  members: { display: 'flex', flexDirection: 'column', gap: '4px' },
  member: {
    display: 'flex',
    flexDirection: 'column',
    padding: '8px 12px',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  upn: { color: tokens.colorNeutralForeground3 },
  caption: { color: tokens.colorNeutralForeground2 },
  dateTime: { display: 'flex', gap: '8px', flexWrap: 'wrap' },
  date: { width: '170px' },
  time: { width: '150px' },
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
  footer: { justifyContent: 'flex-start' },
  // Under the box (the Combobox's root is its containing block), about 7 roles high and never more
  // than half the window (a phone held sideways), scrolling within.
  roleList: { position: 'absolute', top: '100%', left: 0, right: 0, marginTop: '2px', maxHeight: 'min(16rem, 50vh)' },
});

/** A Field label with the portal's (i) button next to it. */
const infoLabel = (text: string, info: string) => ({
  children: (_: unknown, props: LabelProps) => (
    <InfoLabel {...props} info={info}>
      {text}
    </InfoLabel>
  ),
});

type FieldErrors = { role?: string; start?: string; end?: string; justification?: string };

export function AddAssignmentsPane({ principalId }: { principalId: string }) {
  const styles = useStyles();
  const { state, now, dispatch, navigate, closePane, newId, attemptId } = usePortal();
  const member = state.users.get(principalId);

  const [tab, setTab] = useState<PaneTab>('membership');
  const [roleId, setRoleId] = useState<string | null>(null);
  const [type, setType] = useState<AssignmentType>('eligible');
  const [permanentChoice, setPermanentChoice] = useState<boolean | null>(null);
  // The form opens on the current time, as the portal's does (a start in the past means "now").
  const [openedMs] = useState(now);
  const [startDate, setStartDate] = useState(() => dateInput(openedMs));
  const [startTime, setStartTime] = useState(() => timeInput(openedMs));
  const [endDate, setEndDate] = useState<string | null>(null);
  const [endTime, setEndTime] = useState<string | null>(null);
  const [justification, setJustification] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const role = roleId ? findRole(roleId) : undefined;
  const settings = useMemo(() => (roleId ? roleSettingsOf(policyOf(state, roleId)) : null), [state, roleId]);
  const words = type === 'eligible' ? 'eligible' : 'active';
  const permanentAllowed = settings ? (type === 'eligible' ? settings.allowPermanentEligibleAssignment : settings.allowPermanentActiveAssignment) : true;
  const maximum = settings ? (type === 'eligible' ? settings.expireEligibleAssignmentsAfter : settings.expireActiveAssignmentsAfter) : 'P365D';
  const permanent = permanentAllowed && (permanentChoice ?? true);
  const justificationRequired = type === 'active' && (settings?.requireJustificationOnActiveAssignment ?? true);

  // The end follows the start (one year later, or the role's maximum) until the learner edits it.
  const defaultEndMs = useMemo(() => {
    const start = localInstant(startDate, startTime) ?? openedMs;
    return permanentAllowed ? plusOneYear(start) : start + (parseDuration(maximum) ?? 365 * DAY_MS);
  }, [startDate, startTime, openedMs, permanentAllowed, maximum]);
  const endDateValue = endDate ?? dateInput(defaultEndMs);
  const endTimeValue = endTime ?? timeInput(defaultEndMs);

  const membersLabelId = useId('select-members');

  // Stable, so that the role picker (memo) renders again only when the chosen role changes.
  const chooseRole = useCallback((id: string) => {
    setRoleId(id);
    setPermanentChoice(null);
    setEndDate(null);
    setEndTime(null);
    setErrors({});
    setFormError(null);
  }, []);
  const clearRole = useCallback(() => {
    setRoleId(null);
    setPermanentChoice(null);
  }, []);

  const clearError = (key: keyof FieldErrors) => setErrors((e) => (e[key] ? { ...e, [key]: undefined } : e));

  const showError = (error: TenantError) => {
    const target = error.target ?? '';
    if (target.startsWith('scheduleInfo.startDateTime')) setErrors({ start: error.message });
    else if (target.startsWith('scheduleInfo.expiration') && !permanent) setErrors({ end: error.message });
    else if (target === 'justification' && type === 'active') setErrors({ justification: error.message });
    else if (target === 'roleDefinitionId') {
      setErrors({ role: error.message });
      setTab('membership');
    } else setFormError(error.message);
  };

  const assign = async () => {
    setFormError(null);
    if (!roleId || !role) {
      setErrors({ role: 'Select a role' });
      setTab('membership');
      return;
    }
    // What the browser cannot turn into an instant never reaches the tenant; every other rule
    // (end after start, 5 minutes, justification, policy) is the core's.
    const found: FieldErrors = {};
    const startMs = localInstant(startDate, startTime);
    if (!startDate) found.start = 'Enter a date';
    else if (!startTime) found.start = 'Enter a time';
    else if (startMs === null) found.start = 'Enter a valid date and time';
    const endMs = permanent ? null : localInstant(endDateValue, endTimeValue);
    if (!permanent) {
      if (!endDateValue) found.end = 'Enter a date';
      else if (!endTimeValue) found.end = 'Enter a time';
      else if (endMs === null) found.end = 'Enter a valid date and time';
    }
    setErrors(found);
    if (Object.keys(found).length) return;

    const scheduleInfo = schedule(toInstant(startMs!), endMs === null ? null : toInstant(endMs));
    const target = { id: newId(), principalId, roleDefinitionId: roleId, scheduleInfo };
    setBusy(true);
    const result = await dispatch(
      type === 'eligible' ? eligibilityRequest('adminAssign', target) : assignmentRequest('adminAssign', { ...target, justification: justification.trim() }),
    );
    setBusy(false);
    if (!result.ok) {
      showError(result.error);
      return;
    }
    navigate({ name: 'user', userId: principalId, section: 'assignedRoles', tab: type === 'eligible' ? 'eligible' : 'active' });
    // The blade shows it once the pane has closed.
    notices.leave(attemptId, 'assignedRoles', `${role.displayName} was assigned to ${member?.displayName ?? 'the member'} as ${words}`);
  };

  const onType = (value: AssignmentType) => {
    setType(value);
    setPermanentChoice(null);
    setEndDate(null);
    setEndTime(null);
    setErrors({});
    setFormError(null);
  };

  const caption = `Maximum allowed ${words} duration is ${permanentAllowed ? 'permanent' : durationWords(maximum)}.`;

  return (
    <>
      <DrawerHeader>
        <DrawerHeaderTitle
          action={<Button appearance="subtle" aria-label="Close" icon={<DismissIcon />} onClick={closePane} />}
        >
          Add assignments
        </DrawerHeaderTitle>
        <Text size={200} className={styles.subtitle}>
          Privileged Identity Management | Microsoft Entra roles
        </Text>
      </DrawerHeader>

      <DrawerBody>
        <div className={styles.body}>
          <TabList
            className={styles.tabs}
            aria-label="Add assignments steps"
            selectedValue={tab}
            onTabSelect={(_, d) => setTab(d.value as PaneTab)}
          >
            <Tab value="membership">Membership</Tab>
            <Tab value="setting" disabled={!roleId}>
              Setting
            </Tab>
          </TabList>

          <MessageBar intent="info">
            <MessageBarBody>
              You can also assign roles to groups now.{' '}
              <Link href={LEARN_MORE} target="_blank" rel="noopener noreferrer" inline>
                Learn more
              </Link>
            </MessageBarBody>
          </MessageBar>

          {formError && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{formError}</MessageBarBody>
            </MessageBar>
          )}

          {tab === 'membership' ? (
            <>
              <div className={styles.readOnly}>
                <Text className={styles.readOnlyLabel}>Resource</Text>
                <Text>{state.organization.displayName}</Text>
              </div>
              <div className={styles.readOnly}>
                <Text className={styles.readOnlyLabel}>Resource type</Text>
                <Text>Directory</Text>
              </div>

              <Field
                label={infoLabel('Select role', 'The Microsoft Entra role to assign. Type to search the built-in roles by name.')}
                required
                validationMessage={errors.role}
                hint={role && roleDescription(role.id)}
              >
                <RolePicker roleId={roleId} onChoose={chooseRole} onClear={clearRole} />
              </Field>

              <Field label={infoLabel('Scope type', 'Roles in this directory are assigned at the directory scope.')}>
                <Dropdown value="Directory" selectedOptions={['directory']} inlinePopup>
                  <Option value="directory">Directory</Option>
                </Dropdown>
              </Field>

              <div className={styles.members} role="group" aria-labelledby={membersLabelId}>
                <Label id={membersLabelId} required>
                  Select member(s)
                </Label>
                {member ? (
                  <>
                    <Text>1 Member(s) selected</Text>
                    <div className={styles.member}>
                      <Text weight="semibold">{member.displayName}</Text>
                      <Text size={200} className={styles.upn}>
                        {member.userPrincipalName}
                      </Text>
                    </div>
                  </>
                ) : (
                  <Text>No member selected</Text>
                )}
              </div>
            </>
          ) : (
            <>
              {/* No (i) button here: its name, "Assignment type information", would also match "Assign". */}
              <Field label="Assignment type">
                <RadioGroup value={type} onChange={(_, d) => onType(d.value as AssignmentType)}>
                  <Radio value="eligible" label="Eligible" />
                  <Radio value="active" label="Active" />
                </RadioGroup>
              </Field>

              <Text className={styles.caption}>{caption}</Text>

              <Checkbox
                label={type === 'eligible' ? 'Permanently eligible' : 'Permanently assigned'}
                checked={permanent}
                disabled={!permanentAllowed}
                onChange={(_, d) => {
                  setPermanentChoice(!!d.checked);
                  clearError('end');
                }}
              />

              <DateTimeField
                label="Assignment starts"
                error={errors.start}
                date={startDate}
                time={startTime}
                onDate={(v) => {
                  setStartDate(v);
                  clearError('start');
                }}
                onTime={(v) => {
                  setStartTime(v);
                  clearError('start');
                }}
              />
              <DateTimeField
                label="Assignment ends"
                error={errors.end}
                disabled={permanent}
                date={endDateValue}
                time={endTimeValue}
                onDate={(v) => {
                  setEndDate(v);
                  if (endTime === null) setEndTime(endTimeValue);
                  clearError('end');
                }}
                onTime={(v) => {
                  setEndTime(v);
                  if (endDate === null) setEndDate(endDateValue);
                  clearError('end');
                }}
              />

              {type === 'active' && (
                <Field label="Enter justification" required={justificationRequired} validationMessage={errors.justification}>
                  <Textarea
                    value={justification}
                    resize="vertical"
                    onChange={(_, d) => {
                      setJustification(d.value);
                      clearError('justification');
                    }}
                  />
                </Field>
              )}
            </>
          )}
        </div>
      </DrawerBody>

      <DrawerFooter className={styles.footer}>
        {tab === 'membership' ? (
          <>
            <Button appearance="primary" disabled={!roleId || !member} onClick={() => setTab('setting')}>
              Next &gt;
            </Button>
            <Button onClick={closePane}>Cancel</Button>
          </>
        ) : (
          <>
            <Button onClick={() => setTab('membership')} disabled={busy}>
              &lt; Prev
            </Button>
            <Button appearance="primary" onClick={() => void assign()} disabled={busy}>
              Assign
            </Button>
            <Button onClick={closePane} disabled={busy}>
              Cancel
            </Button>
          </>
        )}
      </DrawerFooter>
    </>
  );
}

/** Roles alphabetically, as the portal lists them. */
const sortedRoles = [...roleDefinitions].sort((a, b) => a.displayName.localeCompare(b.displayName));
/**
 * Rows the role list renders at most (it shows about 7 at a time). Each Fluent Option costs about
 * half a millisecond to mount on a laptop, several times that on a slow phone: all 136 roles made the
 * keystroke that opens the list a 300 ms interaction. The list says how many roles match, and typing
 * narrows it.
 */
const ROLE_ROWS = 12;
/** One Option element per role, made once: rows that stay from keystroke to keystroke are not rendered again. */
const roleOptions = new Map(
  sortedRoles.map((r) => [
    r.id,
    <Option key={r.id} value={r.id} text={r.displayName}>
      {r.displayName}
    </Option>,
  ]),
);

/**
 * The role list is placed by CSS (`roleList`: under the box, as wide as it), not measured: Fluent's
 * positioning measures every ancestor of the list on each placement (20–40 ms in this deep page) and
 * placed it again whenever it resized, that is on most keystrokes. Combobox hands these props to
 * Fluent's usePositioning, whose `enabled: false` (PositioningOptions) places nothing.
 */
const ROLE_LIST_POSITIONING: PositioningProps & { enabled: boolean } = { enabled: false };

/**
 * Select role: a freeform search over every built-in role. Its own component, holding what is typed,
 * so that a keystroke renders the box and its list, not the whole pane.
 */
const RolePicker = memo(function RolePicker({ roleId, onChoose, onClear }: { roleId: string | null; onChoose: (id: string) => void; onClear: () => void }) {
  const styles = useStyles();
  const role = roleId ? findRole(roleId) : undefined;
  // Back from the Setting tab, the box shows the chosen role again.
  const [query, setQuery] = useState(() => role?.displayName ?? '');
  const [open, setOpen] = useState(false);

  const rows = useMemo(() => {
    const q = query.trim().toLowerCase();
    // Nothing typed, or the chosen role's name: every role, from the chosen one's place in the list.
    if (!q || (role && role.displayName === query)) {
      const at = role ? sortedRoles.findIndex((r) => r.id === role.id) : 0;
      const from = Math.max(0, Math.min(at - Math.floor(ROLE_ROWS / 2), sortedRoles.length - ROLE_ROWS));
      return { shown: sortedRoles.slice(from, from + ROLE_ROWS), matching: sortedRoles.length };
    }
    const matching = sortedRoles.filter((r) => r.displayName.toLowerCase().includes(q));
    return { shown: matching.slice(0, ROLE_ROWS), matching: matching.length };
  }, [query, role]);

  const choose = (id: string) => {
    setQuery(findRole(id)?.displayName ?? '');
    onChoose(id);
  };

  return (
    /* The list opens inside the pane (inlinePopup, as Scope type's), scrolling within: portaled to
       <body>, the 136 roles opened beside the pane over the lesson text, and lagged a frame behind
       the sticky pane when the page scrolled, so that a click starting on one role could end
       somewhere else. */
    <Combobox
      freeform
      inlinePopup
      positioning={ROLE_LIST_POSITIONING}
      listbox={{ className: styles.roleList }}
      placeholder="Search role by name"
      value={query}
      selectedOptions={roleId ? [roleId] : []}
      open={open}
      onOpenChange={(e, d) => {
        // A typed character opens the list with what it matches (onChange), in one render rather than
        // two: the whole list first on keydown, then the matches on input.
        if (d.open && e.type === 'keydown' && (e as React.KeyboardEvent).key.length === 1) return;
        setOpen(d.open);
      }}
      onChange={(e) => {
        const text = e.target.value;
        setQuery(text);
        setOpen(true);
        if (role && text !== role.displayName) onClear();
      }}
      onOptionSelect={(_, d) => d.optionValue && choose(d.optionValue)}
      onBlur={() => {
        // A role name typed in full counts as chosen, as if picked from the list.
        const typed = query.trim().toLowerCase();
        const exact = !roleId && typed ? sortedRoles.find((r) => r.displayName.toLowerCase() === typed) : undefined;
        if (exact) choose(exact.id);
      }}
    >
      {rows.shown.map((r) => roleOptions.get(r.id)!)}
      {rows.matching === 0 && (
        <Option key="none" value="" text="No roles found" disabled>
          No roles found
        </Option>
      )}
      {rows.matching > rows.shown.length && (
        <Option key="more" value="" text={`Showing ${rows.shown.length} of ${rows.matching} roles. Type to narrow the list.`} disabled>
          {`Showing ${rows.shown.length} of ${rows.matching} roles. Type to narrow the list.`}
        </Option>
      )}
    </Combobox>
  );
});

/**
 * A date box and a time box under one label ("Assignment starts"), as the portal shows them. The
 * Field names the date box; the time box gets its own name ("Assignment starts time").
 */
function DateTimeField(props: {
  label: string;
  error: string | undefined;
  disabled?: boolean;
  date: string;
  time: string;
  onDate: (value: string) => void;
  onTime: (value: string) => void;
}) {
  const styles = useStyles();
  const dateId = useId('date');
  const timeNameId = useId('time-name');
  return (
    <Field label={{ htmlFor: dateId, children: props.label }} validationMessage={props.error}>
      <div className={styles.dateTime}>
        <Input
          id={dateId}
          className={styles.date}
          type="date"
          aria-label={`${props.label} date`}
          disabled={props.disabled}
          value={props.date}
          onChange={(_, d) => props.onDate(d.value)}
        />
        <Input
          className={styles.time}
          type="time"
          step={1}
          aria-labelledby={timeNameId}
          disabled={props.disabled}
          value={props.time}
          onChange={(_, d) => props.onTime(d.value)}
        />
        <span id={timeNameId} className={styles.hidden}>
          {props.label} time
        </span>
      </div>
    </Field>
  );
}
