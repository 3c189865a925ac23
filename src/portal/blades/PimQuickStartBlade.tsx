import { Card, CardHeader, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { usePortal } from '../runtime/PortalContext';
import { Blade } from '../shell/Blade';
import { PimLayout } from './PimMenu';

// Privileged Identity Management | Quick start: where the guide's step 10 lands after searching
// "privilege". The real page introduces PIM and points to My roles; so does this one.

const useStyles = makeStyles({
  heading: { margin: '0 0 8px', fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  intro: { display: 'block', maxWidth: '720px', marginBottom: '16px' },
  cards: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: '12px', maxWidth: '760px' },
  cardTitle: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  primary: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  callout: {
    display: 'flex',
    flexDirection: 'column',
    gap: '4px',
    maxWidth: '720px',
    marginBottom: '20px',
    padding: '12px 16px',
    borderLeft: `4px solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
});

const FEATURES = [
  { title: 'Just-in-time access', text: 'Users are made eligible for a role and activate it only when they need it.' },
  { title: 'Time-bound assignments', text: 'Activations end on their own, after at most the maximum duration set for the role (8 hours by default).' },
  { title: 'Approval and justification', text: 'Roles can require a reason, a ticket number or an approver before they activate.' },
  { title: 'Multifactor authentication', text: 'Activating a privileged role asks for additional verification, once per sign-in session.' },
  { title: 'Audit history', text: 'Every assignment, activation and deactivation is recorded in the audit log.' },
];

export function PimQuickStartBlade() {
  const styles = useStyles();
  const { navigate } = usePortal();
  return (
    <Blade title="Privileged Identity Management | Quick start" subtitle="Privileged Identity Management">
      <PimLayout current="quickStart">
        <h3 className={styles.heading}>Get started</h3>
        <Text as="p" className={styles.intro}>
          Privileged Identity Management (PIM) lets you manage, control and monitor access to important resources in your organization. Instead of
          holding an administrator role all the time, you are made eligible for it and activate it just in time, for a limited time, when you need
          it.
        </Text>
        <div className={styles.callout}>
          <Link
            href="#"
            className={styles.primary}
            onClick={(e) => {
              e.preventDefault();
              navigate({ name: 'myRoles', tab: 'eligible' });
            }}
          >
            My roles
          </Link>
          <Text>Activate your eligible roles, see your active roles, and deactivate a role when you are done.</Text>
        </div>
        <div className={styles.cards}>
          {FEATURES.map((f) => (
            <Card key={f.title} size="small" appearance="outline">
              <CardHeader header={<h4 className={styles.cardTitle}>{f.title}</h4>} description={<Text size={200}>{f.text}</Text>} />
            </Card>
          ))}
        </div>
      </PimLayout>
    </Blade>
  );
}
