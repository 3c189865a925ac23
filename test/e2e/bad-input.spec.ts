import { expect, test, type Page } from '@playwright/test';
import { DEMO_UPN, makeDemoEligible, openAssignedRolesOfDemo, openNav, pane, portal, storedCommands, storedEntries, switchFromStep, stepUrl, ADMIN_UPN, expectSignedInAs } from './support';

// Bad input gets an error next to its field, from the tenant's own rules, and saves nothing.

/** The Field's error message that names the control (Fluent links it with aria-describedby). */
const errorOf = (page: Page, control: ReturnType<Page['getByRole']>) => control.evaluate((el) => {
  const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
});

test.describe('bad input', () => {
  test('Activate refuses an empty or 501-character reason and a duration above the maximum', async ({ page }) => {
    await page.goto(`${stepUrl(12)}?mode=test`);
    await expectSignedInAs(page, ADMIN_UPN);
    await makeDemoEligible(page);
    await switchFromStep(page, 'Switch to demouser', DEMO_UPN);
    await openNav(page, 'Privileged Identity Management');
    const sim = portal(page);
    await sim.getByRole('link', { name: 'My roles' }).click();
    await sim.getByRole('table', { name: 'Eligible assignments' }).getByRole('button', { name: 'Activate' }).click();
    const activate = pane(page, 'Activate - User Administrator');
    await activate.getByRole('button', { name: 'Click to continue' }).click();
    await page.getByRole('dialog', { name: 'Approve sign-in request' }).getByRole('button', { name: 'Approve' }).click();
    const before = await storedEntries(page);

    const reason = activate.getByRole('textbox', { name: 'Reason (max 500 characters)' });
    const duration = activate.getByRole('spinbutton', { name: 'Duration (hours)' });
    const submit = activate.getByRole('button', { name: 'Activate', exact: true });

    // No reason.
    await duration.fill('1');
    await submit.click();
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(await errorOf(page, reason)).toMatch(/reason|justification/i);

    // 501 characters.
    await reason.fill('x'.repeat(501));
    await expect(activate.getByText('501/500 characters')).toBeVisible();
    await submit.click();
    await expect(reason).toHaveAttribute('aria-invalid', 'true');
    expect(await errorOf(page, reason)).toMatch(/500/);

    // 9 hours, above the role's maximum of 8.
    await reason.fill('Create an account for a new team member');
    await duration.fill('9');
    await duration.press('Tab');
    await submit.click();
    await expect(duration).toHaveAttribute('aria-invalid', 'true');
    expect(await errorOf(page, duration)).toMatch(/8/);

    // Nothing was saved, and the role is still only eligible.
    expect(await storedEntries(page)).toBe(before);
    await expect(activate.getByRole('tab', { name: 'Activate' })).toHaveAttribute('aria-selected', 'true');

    // A valid request then goes through: the errors cleared with the input.
    await duration.fill('8');
    await duration.press('Tab');
    await submit.click();
    await expect(activate.getByRole('tab', { name: 'Status' })).toHaveAttribute('aria-selected', 'true');
    expect(await storedEntries(page)).toBe(before + 1);
  });

  test('Add assignments refuses an assignment that ends before it starts', async ({ page }) => {
    await page.goto(`${stepUrl(6)}?mode=test`);
    await openAssignedRolesOfDemo(page);
    await portal(page).getByRole('button', { name: 'Add assignments' }).click();
    const add = pane(page, 'Add assignments');
    await add.getByRole('combobox', { name: 'Select role' }).fill('User Admin');
    await page.getByRole('option', { name: 'User Administrator', exact: true }).click();
    await add.getByRole('button', { name: 'Next' }).click();
    const before = await storedCommands(page);

    await add.getByRole('checkbox', { name: 'Permanently eligible' }).uncheck();
    await add.getByRole('textbox', { name: 'Assignment starts date' }).fill('2030-06-15');
    const ends = add.getByRole('textbox', { name: 'Assignment ends date' });
    await ends.fill('2030-06-10');
    await add.getByRole('button', { name: 'Assign' }).click();
    await expect(ends).toHaveAttribute('aria-invalid', 'true');
    expect(await errorOf(page, ends)).toMatch(/end/i);
    await expect(add).toBeVisible();
    expect(await storedCommands(page)).toBe(before);

    await add.getByRole('button', { name: 'Close' }).click();
    await portal(page).getByRole('tab', { name: 'Eligible assignments' }).click();
    await expect(portal(page).getByRole('table', { name: 'Eligible assignments' })).toContainText('No results');
  });

  test('Create new user refuses an invalid or taken user principal name and an empty display name', async ({ page }) => {
    await page.goto(`${stepUrl(14)}?mode=test`);
    await expectSignedInAs(page, ADMIN_UPN);
    await openNav(page, 'Users');
    const sim = portal(page);
    await sim.getByRole('button', { name: 'New user' }).click();
    await page.getByRole('menuitem', { name: /^Create new user/ }).click();
    const before = await storedCommands(page);

    const upn = sim.getByRole('textbox', { name: 'User principal name' });
    const displayName = sim.getByRole('textbox', { name: 'Display name' });
    const tryCreate = async () => {
      await sim.getByRole('button', { name: 'Review + create' }).click();
      await sim.getByRole('button', { name: 'Create', exact: true }).click();
      await sim.getByRole('tab', { name: 'Basics' }).click();
    };

    // Invalid characters in the user name.
    await upn.fill('new hire!');
    await displayName.fill('New Hire');
    await tryCreate();
    await expect(upn).toHaveAttribute('aria-invalid', 'true');
    expect(await errorOf(page, upn)).not.toBe('');

    // Taken: demouser exists.
    await upn.fill('demouser');
    await tryCreate();
    await expect(upn).toHaveAttribute('aria-invalid', 'true');
    expect(await errorOf(page, upn)).toMatch(/already|exists|use/i);

    // No display name.
    await upn.fill('newhire');
    await displayName.fill('');
    await tryCreate();
    await expect(displayName).toHaveAttribute('aria-invalid', 'true');
    expect(await errorOf(page, displayName)).toMatch(/display name/i);

    expect(await storedCommands(page)).toBe(before);
    await openNav(page, 'Users');
    await expect(sim.getByRole('table', { name: 'All users' }).getByRole('row')).toHaveCount(3);
  });
});
