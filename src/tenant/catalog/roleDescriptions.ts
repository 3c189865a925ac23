import descriptions from '../data/entra-builtin-roles.descriptions.json';

// The built-in roles' descriptions (Microsoft's permissions reference), apart from the role catalog
// (./roles) so that a page loads them only where one is shown: import this module only from code
// that is itself loaded on demand (the panes), never from the core's index.

const byId: ReadonlyMap<string, string> = new Map(Object.entries(descriptions));

/** The description of a built-in role, by its id (= template id); undefined for an unknown id. */
export function roleDescription(roleId: string): string | undefined {
  return byId.get(roleId);
}
