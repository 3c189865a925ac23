import { describe, expect, it } from 'vitest';
import { resolveStepAccount } from '../../src/lesson/accounts';

// <ExpectAccount account="…"> / <SwitchAccount to="…"> and the frontmatter `account`: any account of
// the lab's tenant, by mail nickname or sign-in name, resolved at build time.

const SEED = 'my-directory-v1';

describe('resolveStepAccount', () => {
  it('keeps the seed lab\'s names: admin is the main account, demouser is demouser', () => {
    expect(resolveStepAccount(SEED, 'admin')).toEqual({ upn: 'admin@mydirectory.onmicrosoft.com', label: 'the main account' });
    expect(resolveStepAccount(SEED, 'demouser')).toEqual({ upn: 'demouser@mydirectory.onmicrosoft.com', label: 'demouser' });
  });

  it('accepts a sign-in name, in any case', () => {
    expect(resolveStepAccount(SEED, 'DemoUser@MyDirectory.onmicrosoft.com')).toEqual({ upn: 'demouser@mydirectory.onmicrosoft.com', label: 'demouser' });
  });

  it('accepts a full sign-in name in the tenant\'s domain for an account the lab creates', () => {
    expect(resolveStepAccount(SEED, 'newhire@mydirectory.onmicrosoft.com')).toEqual({ upn: 'newhire@mydirectory.onmicrosoft.com', label: 'newhire' });
  });

  it('names the known accounts when the account is unknown', () => {
    expect(resolveStepAccount(SEED, 'helpdesk')).toMatch(/no account 'helpdesk'.*admin, demouser/);
    expect(resolveStepAccount(SEED, 'someone@contoso.com')).toMatch(/no account/);
    expect(resolveStepAccount('no-such-seed', 'admin')).toMatch(/no tenant seed/);
  });
});
