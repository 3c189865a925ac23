import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

// A blade's header as the admin center draws it: "<Title> | <Section>", a subtitle (the resource
// kind or directory), and a command bar of buttons (New user, Add assignments, Refresh, …).

const useStyles = makeStyles({
  header: { padding: '12px 20px 4px' },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  subtitle: { color: tokens.colorNeutralForeground3 },
  // The command bar is a plain group of buttons (Fluent's Toolbar adds ~24 KB to every page).
  commands: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '4px', padding: '4px 12px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` },
  body: { padding: '12px 20px 20px' },
});

export function Blade({ title, subtitle, commands, children }: { title: string; subtitle?: string; commands?: ReactNode; children: ReactNode }) {
  const styles = useStyles();
  return (
    <section aria-label={title}>
      <div className={styles.header}>
        <h2 className={styles.title}>{title}</h2>
        {subtitle && <Text className={styles.subtitle}>{subtitle}</Text>}
      </div>
      {commands && (
        <div role="group" aria-label={`${title} commands`} className={styles.commands}>
          {commands}
        </div>
      )}
      <div className={styles.body}>{children}</div>
    </section>
  );
}
