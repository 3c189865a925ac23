// Resource actions have the form <namespace>/<entity>/<propertySet>/<action> or
// <namespace>/<entity>/<action> (e.g. microsoft.directory/users/create). A granted action covers a
// requested one when every segment matches, where `allEntities` matches any entity, `allProperties`
// any property set, and `allTasks` any action (Microsoft: "allTasks" = create, read, update, delete
// and the entity's other tasks).

/** The actions the simulator's commands require. */
export const ACTION = {
  createUser: 'microsoft.directory/users/create',
  resetPassword: 'microsoft.directory/users/password/update',
  manageRoleAssignments: 'microsoft.directory/roleAssignments/allProperties/allTasks',
  manageRoleSettings: 'microsoft.directory/privilegedIdentityManagement/allProperties/allTasks',
  readUsers: 'microsoft.directory/users/standard/read',
  readPim: 'microsoft.directory/privilegedIdentityManagement/allProperties/read',
} as const;

function split(action: string) {
  const parts = action.split('/');
  const namespace = parts[0] ?? '';
  const entity = parts[1] ?? '';
  // Two-segment tail: <propertySet>/<action>; one-segment tail: just <action>.
  const tail = parts.slice(2);
  const propertySet = tail.length >= 2 ? tail.slice(0, -1).join('/') : null;
  const verb = tail.length ? tail[tail.length - 1]! : '';
  return { namespace, entity, propertySet, verb };
}

export function actionCovers(granted: string, requested: string): boolean {
  if (granted === requested) return true;
  const g = split(granted);
  const r = split(requested);
  if (g.namespace !== r.namespace) return false;
  if (g.entity !== 'allEntities' && g.entity !== r.entity) return false;
  if (g.verb === 'allTasks') {
    // allProperties/allTasks (or <entity>/allTasks) covers every task on the entity; a narrower
    // property set covers tasks on that property set only.
    return g.propertySet === null || g.propertySet === 'allProperties' || g.propertySet === r.propertySet;
  }
  if (g.verb !== r.verb) return false;
  if (g.propertySet === 'allProperties') return true;
  return g.propertySet === r.propertySet;
}
