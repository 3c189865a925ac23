import type { TenantSeedInput } from './schemas/seed';

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

export const SEEDS: Record<string, TenantSeedInput> = { [MY_DIRECTORY_SEED.id]: MY_DIRECTORY_SEED };

