import { useMemo, useState } from 'react';
import type { User } from '../../tenant';
import type { View } from '../runtime/views';
import styles from './SearchResults.module.css';

// The global search's results, as the admin center lists them: filters All / Services / Resources,
// then the services (the portal's pages) and the resources (the tenant's users) that match. Loaded by
// the top bar once the portal is on screen, not with the page. The users come from the top bar: an
// import of the portal's context here would split the shell's chunks and grow the page's initial
// JavaScript.

const SERVICES: { name: string; keywords: string; view: View }[] = [
  { name: 'Microsoft Entra Privileged Identity Management', keywords: 'privileged identity management pim privilege roles', view: { name: 'pimQuickStart' } },
  { name: 'Users', keywords: 'users people accounts', view: { name: 'users' } },
  { name: 'My roles', keywords: 'my roles activate privilege pim', view: { name: 'myRoles', tab: 'eligible' } },
];

const FILTERS = ['All', 'Services', 'Resources'] as const;
type Filter = (typeof FILTERS)[number];
/** Resources listed at most, as the portal lists the first few and offers to see more. */
const MAX_RESOURCES = 8;

/** `users`: the tenant's users (the portal's state), the resources searched. */
export function SearchResults({ id, query, users: all, onChoose }: { id: string; query: string; users: ReadonlyMap<string, User>; onChoose: (view: View) => void }) {
  const [filter, setFilter] = useState<Filter>('All');
  const q = query.trim().toLowerCase();
  const services = useMemo(() => SERVICES.filter((s) => s.keywords.includes(q) || s.name.toLowerCase().includes(q)), [q]);
  const users = useMemo(
    () => [...all.values()].filter((u) => u.displayName.toLowerCase().includes(q) || u.userPrincipalName.toLowerCase().includes(q)).slice(0, MAX_RESOURCES),
    [all, q],
  );
  const showServices = filter !== 'Resources' && services.length > 0;
  const showResources = filter !== 'Services' && users.length > 0;

  return (
    <div className={styles.results} id={id}>
      <div role="group" aria-label="Result types" className={styles.filters}>
        {FILTERS.map((f) => (
          <button key={f} type="button" className={styles.filter} aria-pressed={f === filter} onClick={() => setFilter(f)}>
            {f}
          </button>
        ))}
      </div>
      {showServices && (
        <>
          <h3 className={styles.resultsHeader} id={`${id}-services`}>
            Services
          </h3>
          <ul className={styles.list} aria-labelledby={`${id}-services`}>
            {services.map((s) => (
              <li key={s.name}>
                <button type="button" className={styles.result} onClick={() => onChoose(s.view)}>
                  {s.name}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {showResources && (
        <>
          <h3 className={styles.resultsHeader} id={`${id}-resources`}>
            Resources
          </h3>
          <ul className={styles.list} aria-labelledby={`${id}-resources`}>
            {users.map((u) => (
              <li key={u.id}>
                <button type="button" className={styles.result} onClick={() => onChoose({ name: 'user', userId: u.id, section: 'overview' })}>
                  {u.displayName}{' '}
                  <span className={styles.resultDetail}>
                    User · {u.userPrincipalName}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {!showServices && !showResources && (
        <p className={styles.noResults} role="status">
          No results for ‘{query.trim()}’{filter === 'All' ? '' : ` in ${filter}`}.
        </p>
      )}
    </div>
  );
}
