import { Text } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import styles from './Blade.module.css';

// A blade's header as the admin center draws it: "<Title> | <Section>", a subtitle (the resource
// kind or directory), and a command bar of buttons (New user, Add assignments, Refresh, …).

export function Blade({ title, subtitle, commands, children }: { title: string; subtitle?: string; commands?: ReactNode; children: ReactNode }) {
  return (
    <section aria-label={title}>
      <div className={styles.header}>
        {/* Focusable from script: where focus goes when a pane closes and what opened it is gone (PaneHost). */}
        <h2 className={styles.title} tabIndex={-1} data-blade-title="">
          {title}
        </h2>
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

// One wording for every part of the admin center this simulator does not build: the left menu's
// other items (NotInLabBlade) and the items of the blade menus that the labs do not use. Here, not
// in a module of its own: the shell and those blades all load this one already.

/** "Groups is not part of this lab." */
export const notInLab = (item: string) => `${item} is not part of this lab.`;

export const NOT_IN_LAB_DETAIL = 'This simulator builds only the parts of the Microsoft Entra admin center that the labs use.';
