import { tenantSeedSchema, type TenantSeedInput } from './schemas/seed';

// The starting tenant of the first lab (shared/seed): directory "My Directory", the learner's main
// account with a permanent active Global Administrator assignment, and `demouser` with no roles.

export const MAIN_ACCOUNT_ID = '0c5b7e52-3d1f-4a8e-b6c2-9e4d1f7a2b01';
export const DEMO_USER_ID = '7f2d9a41-6c3e-4b5a-8d17-3a9c5e2f4b02';

export const MY_DIRECTORY_SEED = {
  id: 'my-directory-v1',
  tenantId: '5a3f1e2c-7b64-4d0e-9c1a-2f8e6d4b3a10',
  displayName: 'My Directory',
  domains: ['mydirectory.onmicrosoft.com'],
  users: [
    {
      id: MAIN_ACCOUNT_ID,
      userPrincipalName: 'admin@mydirectory.onmicrosoft.com',
      displayName: 'Main Account',
      mailNickname: 'admin',
      jobTitle: 'IT administrator',
    },
    {
      id: DEMO_USER_ID,
      userPrincipalName: 'demouser@mydirectory.onmicrosoft.com',
      displayName: 'demouser',
      mailNickname: 'demouser',
    },
  ],
  roleAssignments: [
    { principalId: MAIN_ACCOUNT_ID, role: 'Global Administrator', assignmentType: 'active' },
  ],
} satisfies TenantSeedInput;

/** The seeds that ship with the core; a lab may name one (lab.json "seedId") instead of declaring its own tenant. */
export const BUILTIN_SEEDS: Readonly<Record<string, TenantSeedInput>> = Object.freeze({ [MY_DIRECTORY_SEED.id]: MY_DIRECTORY_SEED });

/**
 * Every seed this page or process knows by id: the built-in ones, plus the starting tenants of the
 * labs registered with registerSeed (the build does it for every lab; a lesson page's islands for
 * their lab). The store restores an attempt from its seedId through this.
 */
export const SEEDS: Record<string, TenantSeedInput> = { ...BUILTIN_SEEDS };

/** The seed as the core reads it, keys sorted: equal seeds give equal text. */
export function canonicalSeed(seed: TenantSeedInput): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return JSON.stringify(sort(tenantSeedSchema.parse(seed)));
}

/**
 * Makes a lab's starting tenant known by its id. Registering the same seed again is a no-op; another
 * seed under a known id is refused, so that an id always means one tenant.
 */
export function registerSeed(seed: TenantSeedInput): void {
  const known = Object.hasOwn(SEEDS, seed.id) ? SEEDS[seed.id] : undefined;
  if (known === seed) return;
  if (known && canonicalSeed(known) !== canonicalSeed(seed)) throw new Error(`Tenant seed '${seed.id}' is already registered with other content: give the lab's starting tenant another id.`);
  SEEDS[seed.id] = seed;
}

