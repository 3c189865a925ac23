import { test, expect, type Page } from '@playwright/test';

// A lesson step page ships the simulator's shell only; the account menu, the blades, the panes and
// the role descriptions load when first used. These tests check that each of them still works when
// it arrives that way, and that the shell is styled without Fluent's CSS-in-JS engine.

const STEP = '/labs/pim-eligible-role/04-open-add-assignments/';
const USER_ADMIN_DESCRIPTION = 'Can manage all aspects of users and groups, including resetting passwords for limited admins.';

async function openStep(page: Page) {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
  });
  await page.goto(STEP);
  const sim = page.locator('#simulator');
  await expect(sim.getByText('Welcome to the Microsoft Entra admin center')).toBeVisible();
  return { sim, scripts };
}

test.describe('a lesson step page loads the simulator in parts', () => {
  test('the shell is styled, and menus, blades and panes are not loaded yet', async ({ page }) => {
    const { sim, scripts } = await openStep(page);
    await expect(sim.locator('header')).toHaveCSS('background-color', 'rgb(15, 27, 61)');
    await expect(sim.getByRole('button', { name: 'Home', exact: true })).toHaveCSS('font-weight', '600');
    const names = scripts.map((s) => s.split('/').pop()!.split('.')[0]);
    for (const later of ['AccountMenu', 'UsersBlade', 'UserBlade', 'PaneHost', 'AddAssignmentsPane', 'ActivatePane'])
      expect(names, later).not.toContain(later);
  });

  test('Switch account, Add assignments with the role description, and Activate with it', async ({ page }) => {
    const { sim } = await openStep(page);

    // Add assignments (as the main account): the selected role's description is the field's hint.
    await sim.getByRole('navigation', { name: 'Portal navigation' }).getByRole('button', { name: 'Users' }).click();
    await sim.getByRole('link', { name: 'demouser' }).or(sim.getByRole('button', { name: 'demouser' })).first().click();
    await sim.getByText('Assigned roles').first().click();
    await sim.getByRole('button', { name: 'Add assignments' }).click();
    const add = page.getByRole('dialog');
    await add.getByRole('combobox', { name: /Select role/ }).fill('User Administrator');
    await page.getByRole('option', { name: 'User Administrator', exact: true }).click();
    await expect(add.getByText(USER_ADMIN_DESCRIPTION)).toBeVisible();
    await add.getByRole('button', { name: 'Next' }).click();
    await add.getByRole('button', { name: 'Assign' }).click();
    await expect(add).toBeHidden();

    // The account menu, from the top bar's button.
    const accountButton = sim.getByRole('button', { name: /admin@mydirectory\.onmicrosoft\.com/ });
    await accountButton.click();
    await page.getByRole('menuitemradio', { name: /demouser/ }).click();
    await expect(sim.getByRole('button', { name: /demouser@mydirectory\.onmicrosoft\.com/ })).toBeVisible();

    // Activate (as demouser): the Roles tab shows the role's description.
    await sim.getByRole('searchbox', { name: 'Search resources, services, and docs' }).fill('privilege');
    await sim.getByRole('button', { name: 'Microsoft Entra Privileged Identity Management' }).click();
    await sim.getByText('My roles').first().click();
    await sim.getByRole('button', { name: /Activate/ }).first().click();
    const activate = page.getByRole('dialog');
    await activate.getByRole('tab', { name: 'Roles' }).click();
    await expect(activate.getByText(USER_ADMIN_DESCRIPTION)).toBeVisible();
  });
});
