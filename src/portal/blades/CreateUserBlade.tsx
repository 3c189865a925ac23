import {
  Button,
  Checkbox,
  Dropdown,
  Field,
  FieldContextProvider,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Tab,
  TabList,
  Text,
  ToggleButton,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useId, useRef, useState } from 'react';
import { ACTION, createUserCommand, hasPermission, type TenantError } from '../../tenant';
import { usePortal } from '../runtime/PortalContext';
import { notices } from '../runtime/tabStorage';
import { Blade } from '../shell/Blade';
import { CopyIcon, DismissIcon, EyeIcon, EyeOffIcon } from '../shell/icons';
import { generatePassword } from '../shell/temporaryPassword';

// Users > New user > Create new user (guide step 14): the Basics tab of the admin center's form,
// with Properties and Assignments as placeholders, and Review + create > Create. The form holds no
// rule of its own: Create sends createUser to the tenant core and shows the core's refusal next to
// the field it names (error.target), keeping what the learner typed.

type TabValue = 'basics' | 'properties' | 'assignments' | 'review';
type FieldName = 'userPrincipalName' | 'mailNickname' | 'displayName' | 'password';
type FieldErrors = Partial<Record<FieldName, string>>;

const TABS: { value: TabValue; label: string }[] = [
  { value: 'basics', label: 'Basics' },
  { value: 'properties', label: 'Properties' },
  { value: 'assignments', label: 'Assignments' },
  { value: 'review', label: 'Review + create' },
];

const NO_CREATE_PERMISSION =
  "You don't have permission to create users. Ask an administrator, or activate a role that allows it in Privileged Identity Management.";

/** The form field a core error is about: Graph's property names, or a path into the command. */
function fieldOf(target: string | undefined): FieldName | null {
  if (!target) return null;
  if (target === 'userPrincipalName' || target === 'mailNickname' || target === 'displayName' || target === 'password') return target;
  if (target.startsWith('passwordProfile')) return 'password';
  return null;
}

const useStyles = makeStyles({
  wrapper: { display: 'flex', flexDirection: 'column', gap: '12px' },
  panel: { display: 'flex', flexDirection: 'column', gap: '12px', maxWidth: '560px', paddingTop: '8px' },
  intro: { color: tokens.colorNeutralForeground2 },
  sectionTitle: { margin: '4px 0 0', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  group: { display: 'flex', flexDirection: 'column', gap: '2px' },
  row: { display: 'flex', alignItems: 'center', gap: '6px', flexWrap: 'wrap' },
  grow: { flexGrow: 1, minWidth: '140px' },
  // The generated password stays readable (and unambiguous) in its disabled box.
  passwordText: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground1, '::placeholder': { color: tokens.colorNeutralForeground4 } },
  at: { color: tokens.colorNeutralForeground2 },
  domain: { minWidth: '220px', flexGrow: 1 },
  facts: { display: 'grid', gridTemplateColumns: 'max-content auto', gap: '8px 32px', margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  // The required mark is drawn, not written: label text and accessible name stay the field's name
  // alone (CSS alternative text "" keeps the asterisk out of the accessibility tree).
  required: { '::after': { content: '"*" / ""', color: tokens.colorPaletteRedForeground3, paddingLeft: tokens.spacingHorizontalXS } },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: '8px',
    marginTop: '16px',
    paddingTop: '12px',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
});

export function CreateUserBlade() {
  const styles = useStyles();
  const { state, now, account, attemptId, dispatch, navigate, newId } = usePortal();
  const domains = state.organization.verifiedDomains;
  const defaultDomain = domains.find((d) => d.isDefault)?.name ?? domains[0]?.name ?? '';

  const [tab, setTab] = useState<TabValue>('basics');
  const [upnName, setUpnName] = useState('');
  const [domain, setDomain] = useState(defaultDomain);
  const [deriveNickname, setDeriveNickname] = useState(true);
  const [typedNickname, setTypedNickname] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [autoPassword, setAutoPassword] = useState(true);
  const [generated] = useState(generatePassword);
  const [typedPassword, setTypedPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [copied, setCopied] = useState(false);
  const [accountEnabled, setAccountEnabled] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<TenantError | null>(null);
  const [busy, setBusy] = useState(false);
  const panelId = useId();
  // After a refusal, focus goes to the field the error is about (its message is announced as an alert).
  const inputs = {
    userPrincipalName: useRef<HTMLInputElement>(null),
    mailNickname: useRef<HTMLInputElement>(null),
    displayName: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
  };
  const [focusOn, setFocusOn] = useState<{ field: FieldName } | null>(null);
  useEffect(() => {
    if (!focusOn || tab !== 'basics') return;
    const el = inputs[focusOn.field].current;
    (el && !el.disabled ? el : inputs.userPrincipalName.current)?.focus();
    setFocusOn(null);
  }, [focusOn, tab]);

  const mailNickname = deriveNickname ? upnName : typedNickname;
  const password = autoPassword ? generated : typedPassword;
  const userPrincipalName = upnName.trim() ? `${upnName}@${domain}` : '';
  const mayCreate = hasPermission(state, account.id, ACTION.createUser, now);

  const clear = (field: FieldName) => setErrors((e) => (e[field] ? { ...e, [field]: undefined } : e));

  const create = async () => {
    // Say at once what is missing; the core's answer, which follows, is the one that counts.
    const missing: FieldErrors = {};
    if (!upnName.trim()) missing.userPrincipalName = 'User principal name is required';
    if (!mailNickname.trim()) missing.mailNickname = 'Mail nickname is required';
    if (!displayName.trim()) missing.displayName = 'Display name is required';
    if (!password) missing.password = 'Password is required';
    setErrors(missing);
    setFailure(null);
    setBusy(true);
    const result = await dispatch(createUserCommand({ id: newId(), userPrincipalName, displayName, mailNickname, password, accountEnabled }));
    setBusy(false);
    if (result.ok) {
      notices.leave(attemptId, 'allUsers', `Successfully created user ${displayName.trim()}`);
      navigate({ name: 'users' });
      return;
    }
    const field = result.error.code === 'Authorization_RequestDenied' ? null : fieldOf(result.error.target);
    const FIELDS: FieldName[] = ['userPrincipalName', 'mailNickname', 'displayName', 'password'];
    if (field) {
      const all = { ...missing, [field]: result.error.message };
      setErrors(all);
      setTab('basics');
      setFocusOn({ field: FIELDS.find((f) => all[f]) ?? field });
    } else {
      setFailure(result.error);
      const first = FIELDS.find((f) => missing[f]);
      if (first) {
        setTab('basics');
        setFocusOn({ field: first });
      }
    }
  };

  const copyPassword = () => {
    void navigator.clipboard
      ?.writeText(password)
      .then(() => {
        setCopied(true);
        setTimeout(() => setCopied(false), 2000);
      })
      .catch(() => undefined);
  };

  const index = TABS.findIndex((t) => t.value === tab);
  const previous = index > 0 ? TABS[index - 1]! : null;
  const next = index < TABS.length - 1 ? TABS[index + 1]! : null;
  const currentLabel = TABS[index]!.label;

  return (
    <Blade title="Create new user" subtitle="Create a new internal user in your organization">
      <div className={styles.wrapper}>
        {failure ? (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              <MessageBarTitle>Could not create the user</MessageBarTitle>
              {failure.message}
            </MessageBarBody>
            <MessageBarActions containerAction={<Button appearance="transparent" aria-label="Dismiss" icon={<DismissIcon />} onClick={() => setFailure(null)} />} />
          </MessageBar>
        ) : (
          !mayCreate && (
            <MessageBar intent="warning">
              <MessageBarBody>{NO_CREATE_PERMISSION}</MessageBarBody>
            </MessageBar>
          )
        )}

        <TabList aria-label="Create new user" selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabValue)}>
          {TABS.map((t) => (
            <Tab key={t.value} value={t.value} id={`${panelId}-${t.value}`} aria-controls={panelId}>
              {t.label}
            </Tab>
          ))}
        </TabList>

        <div role="tabpanel" id={panelId} aria-labelledby={`${panelId}-${tab}`} className={styles.panel}>
          {tab === 'basics' && (
            <>
              <Text as="p" className={styles.intro}>
                Create a new user in your organization. This user will have a user name like alice@{defaultDomain}.
              </Text>
              <h3 className={styles.sectionTitle}>Identity</h3>

              <Field
                label={{ children: 'User principal name', required: false, className: styles.required }}
                required
                validationState={errors.userPrincipalName ? 'error' : 'none'}
                validationMessage={errors.userPrincipalName}
              >
                <div className={styles.row}>
                  <Input
                    ref={inputs.userPrincipalName}
                    className={styles.grow}
                    value={upnName}
                    autoComplete="off"
                    spellCheck={false}
                    onChange={(_, d) => {
                      setUpnName(d.value);
                      clear('userPrincipalName');
                      if (deriveNickname) clear('mailNickname');
                    }}
                  />
                  <span className={styles.at} aria-hidden="true">
                    @
                  </span>
                  {/* The domain is its own control, not the field's: keep the field's label off it. */}
                  <FieldContextProvider value={undefined}>
                    <Dropdown
                      className={styles.domain}
                      aria-label="Domain"
                      value={domain}
                      selectedOptions={[domain]}
                      onOptionSelect={(_, d) => {
                        if (d.optionValue) setDomain(d.optionValue);
                        clear('userPrincipalName');
                      }}
                    >
                      {domains.map((d) => (
                        <Option key={d.name} value={d.name}>
                          {d.name}
                        </Option>
                      ))}
                    </Dropdown>
                  </FieldContextProvider>
                </div>
              </Field>

              <div className={styles.group}>
                <Field
                  label={{ children: 'Mail nickname', required: false, className: styles.required }}
                  required
                  validationState={errors.mailNickname ? 'error' : 'none'}
                  validationMessage={errors.mailNickname}
                >
                  <Input
                    ref={inputs.mailNickname}
                    value={mailNickname}
                    disabled={deriveNickname}
                    autoComplete="off"
                    spellCheck={false}
                    onChange={(_, d) => {
                      setTypedNickname(d.value);
                      clear('mailNickname');
                    }}
                  />
                </Field>
                <Checkbox
                  label="Derive from user principal name"
                  checked={deriveNickname}
                  onChange={(_, d) => {
                    const derive = d.checked === true;
                    if (!derive) setTypedNickname(upnName);
                    setDeriveNickname(derive);
                    clear('mailNickname');
                  }}
                />
              </div>

              <Field
                label={{ children: 'Display name', required: false, className: styles.required }}
                required
                validationState={errors.displayName ? 'error' : 'none'}
                validationMessage={errors.displayName}
              >
                <Input
                  ref={inputs.displayName}
                  value={displayName}
                  autoComplete="off"
                  onChange={(_, d) => {
                    setDisplayName(d.value);
                    clear('displayName');
                  }}
                />
              </Field>

              <div className={styles.group}>
                <Field
                  label={{ children: 'Password', required: false, className: styles.required }}
                  required
                  validationState={errors.password ? 'error' : 'none'}
                  validationMessage={errors.password}
                  hint={autoPassword ? 'Copy this password now. The new user signs in with it once and is then asked to choose a new one.' : undefined}
                >
                  <div className={styles.row}>
                    <Input
                      ref={inputs.password}
                      className={styles.grow}
                      type={autoPassword || showPassword ? 'text' : 'password'}
                      value={password}
                      disabled={autoPassword}
                      input={{ className: styles.passwordText }}
                      autoComplete="new-password"
                      spellCheck={false}
                      onChange={(_, d) => {
                        setTypedPassword(d.value);
                        clear('password');
                      }}
                    />
                    {!autoPassword && (
                      <ToggleButton
                        appearance="subtle"
                        icon={showPassword ? <EyeOffIcon /> : <EyeIcon />}
                        checked={showPassword}
                        aria-label="Show password"
                        onClick={() => setShowPassword((s) => !s)}
                      />
                    )}
                    <Button appearance="subtle" icon={<CopyIcon />} aria-label="Copy password" disabled={!password} onClick={copyPassword} />
                    {copied && (
                      <Text role="status" size={200}>
                        Copied
                      </Text>
                    )}
                  </div>
                </Field>
                <Checkbox
                  label="Auto-generate password"
                  checked={autoPassword}
                  onChange={(_, d) => {
                    setAutoPassword(d.checked === true);
                    setTypedPassword('');
                    setShowPassword(false);
                    clear('password');
                  }}
                />
              </div>

              <Checkbox label="Account enabled" checked={accountEnabled} onChange={(_, d) => setAccountEnabled(d.checked === true)} />
            </>
          )}

          {(tab === 'properties' || tab === 'assignments') && <Text as="p">Optional. Not needed for this lab.</Text>}

          {tab === 'review' && (
            <>
              <h3 className={styles.sectionTitle}>Basics</h3>
              <dl className={styles.facts}>
                {(
                  [
                    ['User principal name', userPrincipalName],
                    ['Mail nickname', mailNickname],
                    ['Display name', displayName],
                    ['Password', password ? '•'.repeat(12) : ''],
                    ['Account enabled', accountEnabled ? 'Yes' : 'No'],
                  ] as const
                ).map(([k, v]) => (
                  <div key={k} style={{ display: 'contents' }}>
                    <dt className={styles.dt}>{k}</dt>
                    <dd className={styles.dd}>{v || '—'}</dd>
                  </div>
                ))}
              </dl>
              <h3 className={styles.sectionTitle}>Properties</h3>
              <Text as="p">None</Text>
              <h3 className={styles.sectionTitle}>Assignments</h3>
              <Text as="p">None</Text>
            </>
          )}
        </div>

        <div className={styles.footer} role="group" aria-label={`${currentLabel} actions`}>
          {tab === 'review' ? (
            <Button appearance="primary" disabled={busy} onClick={() => void create()}>
              Create
            </Button>
          ) : (
            <Button appearance="primary" onClick={() => setTab('review')}>
              Review + create
            </Button>
          )}
          <Button disabled={!previous} onClick={() => previous && setTab(previous.value)}>
            {'< Previous'}
          </Button>
          {next && <Button onClick={() => setTab(next.value)}>{`Next: ${next.label} >`}</Button>}
        </div>
      </div>
    </Blade>
  );
}
