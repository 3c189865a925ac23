import { expect, test, type Page } from '@playwright/test';
import { ADMIN_UPN, axeViolations, bodyRows, closePane, expectActivationRefreshed, DEMO_UPN, expectSignedInAs, makeDemoEligible, openNav, pane, portal, stepUrl, switchFromStep } from './support';

// The lab kit's features beside the seed lab: Reset password in the portal (allowed or greyed out by
// the core's password-reset rules), <TimeTravel> (step 14: an activation expires and its permissions
// stop), <Hint> (step 10) and <CheckBadge> (step 7).

/** Users > All users > the user's Overview. */
async function openUserOverview(page: Page, displayName: string) {
  await openNav(page, 'Users');
  const sim = portal(page);
  await sim.getByRole('table', { name: 'All users' }).getByRole('button', { name: displayName, exact: true }).click();
  await expect(sim.getByRole('heading', { name: `${displayName} | Overview` })).toBeVisible();
}

const resetCommand = (page: Page) => portal(page).getByRole('toolbar', { name: 'User commands' }).getByRole('button', { name: 'Reset password' });

test('Reset password: the main account resets demouser\'s password once, audited; demouser without a role cannot', async ({ page }) => {
  await page.goto(`${stepUrl(2)}?mode=test`);
  await expectSignedInAs(page, ADMIN_UPN);
  const sim = portal(page);

  await openUserOverview(page, 'demouser');
  await expect(resetCommand(page)).toBeEnabled();
  await resetCommand(page).click();
  const reset = pane(page, 'Reset password');
  await expect(reset).toContainText('The user will be required to change it at next sign-in.');
  expect(await axeViolations(page), 'Reset password pane').toEqual([]);
  await reset.getByRole('button', { name: 'Reset password' }).click();
  await expect(reset.getByRole('status')).toContainText('The password was reset.');
  const temporary = reset.getByRole('textbox', { name: 'Temporary password' });
  const password = await temporary.inputValue();
  // Entra's complexity: 8+ characters from at least three classes (the generator uses all four).
  expect(password).toMatch(/^(?=.*[a-z])(?=.*[A-Z])(?=.*\d)(?=.*[^A-Za-z\d]).{16}$/);
  expect(await axeViolations(page), 'temporary password shown').toEqual([]);
  await reset.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(reset).toBeHidden();

  // Shown once: opening the pane again offers a new reset, not the old password.
  await resetCommand(page).click();
  await expect(reset.getByRole('button', { name: 'Reset password' })).toBeVisible();
  await expect(reset.getByRole('textbox', { name: 'Temporary password' })).toHaveCount(0);
  await expect(reset).not.toContainText(password);
  await reset.getByRole('button', { name: 'Cancel' }).click();

  // Users > Audit logs: the directory's "Reset user password" and the password reset service's
  // "Reset password (by admin)", by the main account, on demouser.
  await openNav(page, 'Users');
  await sim.getByRole('navigation', { name: 'Users menu' }).getByRole('button', { name: 'Audit logs' }).click();
  const rows = sim.getByRole('table', { name: 'Audit logs' }).getByRole('row');
  for (const [activity, service] of [
    ['Reset user password', 'Core Directory'],
    ['Reset password (by admin)', 'Self-service Password Management'],
  ] as const) {
    const audit = rows.filter({ hasText: activity });
    await expect(audit).toHaveCount(1);
    for (const text of [service, 'UserManagement', 'Success', DEMO_UPN, ADMIN_UPN]) await expect(audit).toContainText(text);
  }

  // demouser, with no role, sees the command greyed out with the reason.
  await page.goto(`${stepUrl(3)}?mode=test`);
  await switchFromStep(page, 'Switch to demouser', DEMO_UPN);
  await openUserOverview(page, 'Main Account');
  await expect(resetCommand(page)).toBeDisabled();
  await expect(resetCommand(page)).toHaveAccessibleDescription(/^You don't have permission to reset passwords\./);
  expect(await axeViolations(page), 'Overview with Reset password unavailable').toEqual([]);
});

test('TimeTravel: 8 hours later the activation has expired, and User Administrator\'s permissions are gone', async ({ page, request }) => {
  test.setTimeout(120_000);
  // Before the simulator announces its clock there is nothing to move: the button is served disabled.
  const served = await (await request.get(stepUrl(14))).text();
  expect(served).toMatch(/<button[^>]*\bdisabled\b[^>]*>8 hours later<\/button>/);

  await page.goto(`${stepUrl(14)}?mode=test`);
  const sim = portal(page);
  const main = page.getByRole('main');
  await expectSignedInAs(page, ADMIN_UPN);
  await makeDemoEligible(page);
  await switchFromStep(page, 'Switch to demouser', DEMO_UPN);

  // demouser activates User Administrator for 1 hour.
  await openNav(page, 'Privileged Identity Management');
  await sim.getByRole('link', { name: 'My roles' }).click();
  await sim.getByRole('table', { name: 'Eligible assignments' }).getByRole('button', { name: 'Activate' }).click();
  const activate = pane(page, 'Activate - User Administrator');
  await activate.getByRole('button', { name: 'Click to continue' }).click();
  await page.getByRole('dialog', { name: 'Approve sign-in request' }).getByRole('button', { name: 'Approve' }).click();
  await activate.getByRole('spinbutton', { name: 'Duration (hours)' }).fill('1');
  await activate.getByRole('textbox', { name: 'Reason (max 500 characters)' }).fill('Create an account for a new team member');
  await activate.getByRole('button', { name: 'Activate', exact: true }).click();
  await closePane(await expectActivationRefreshed(page, 'User Administrator'));
  await sim.getByRole('tab', { name: 'Active assignments' }).click();
  await expect(bodyRows(sim.getByRole('table', { name: 'Active assignments' }))).toHaveCount(1);

  // While active: demouser creates a user, and may reset that user's password but not a Global
  // Administrator's.
  await openNav(page, 'Users');
  await sim.getByRole('button', { name: 'New user' }).click();
  await page.getByRole('menuitem', { name: /^Create new user/ }).click();
  await sim.getByRole('textbox', { name: 'User principal name' }).fill('newhire');
  await sim.getByRole('textbox', { name: 'Display name' }).fill('New Hire');
  await sim.getByRole('button', { name: 'Review + create' }).click();
  await sim.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(sim.getByRole('table', { name: 'All users' }).getByRole('button', { name: 'New Hire' })).toBeVisible();
  await openUserOverview(page, 'Main Account');
  await expect(resetCommand(page)).toBeDisabled();
  await expect(resetCommand(page)).toHaveAccessibleDescription(/^Your roles can't reset the password of Main Account/);
  await openUserOverview(page, 'New Hire');
  await expect(resetCommand(page)).toBeEnabled();
  await resetCommand(page).click();
  const reset = pane(page, 'Reset password');
  await expect(reset.getByRole('button', { name: 'Reset password' })).toBeVisible();

  // Time travel, with the pane still open.
  const travel = main.getByRole('group', { name: 'Time travel' });
  const before = await travel.getByRole('time').getAttribute('datetime');
  await travel.getByRole('button', { name: '8 hours later' }).click();
  await expect(travel.getByRole('status')).toContainText("8 hours later: the tenant's clock is now");
  const after = await travel.getByRole('time').getAttribute('datetime');
  expect(Date.parse(after!) - Date.parse(before!)).toBeGreaterThanOrEqual(8 * 3600_000);
  expect(await axeViolations(page), 'step 14 after time travel').toEqual([]);

  // The core refuses the reset now: the activation that allowed it has ended.
  await reset.getByRole('button', { name: 'Reset password' }).click();
  await expect(reset.getByRole('alert')).toContainText('Insufficient privileges to complete the operation.');
  await reset.getByRole('button', { name: 'Cancel' }).click();
  await expect(resetCommand(page)).toBeDisabled();
  await expect(resetCommand(page)).toHaveAccessibleDescription(/^You don't have permission to reset passwords\./);

  // Create new user is unavailable again, as in step 3.
  await openNav(page, 'Users');
  await sim.getByRole('button', { name: 'New user' }).click();
  await expect(page.getByRole('menuitem', { name: /^Create new user/ })).toBeDisabled();
  await page.keyboard.press('Escape');

  // My roles: the activation is under Expired assignments; the eligibility remains.
  await openNav(page, 'Privileged Identity Management');
  await sim.getByRole('link', { name: 'My roles' }).click();
  await sim.getByRole('tab', { name: 'Active assignments' }).click();
  await expect(sim.getByRole('table', { name: 'Active assignments' })).toContainText('No results');
  await sim.getByRole('tab', { name: 'Expired assignments' }).click();
  await expect(bodyRows(sim.getByRole('table', { name: 'Expired assignments' })).first()).toContainText('User Administrator');
  await sim.getByRole('tab', { name: 'Eligible assignments' }).click();
  await expect(bodyRows(sim.getByRole('table', { name: 'Eligible assignments' })).first()).toContainText('User Administrator');

  // The clock stays ahead after a reload, and later commands are accepted (switching signs in: a
  // command stamped behind the advanced clock would be refused as ClockMovedBackwards).
  await page.reload();
  await expect(travel.getByRole('time')).toHaveAttribute('datetime', /.+/);
  expect(Date.parse((await travel.getByRole('time').getAttribute('datetime'))!)).toBeGreaterThanOrEqual(Date.parse(after!));
  await page.goto(`${stepUrl(2)}?mode=test`);
  await switchFromStep(page, 'Switch to the main account', ADMIN_UPN);
  await openNav(page, 'Users');
  await sim.getByRole('navigation', { name: 'Users menu' }).getByRole('button', { name: 'Audit logs' }).click();
  await expect(sim.getByRole('table', { name: 'Audit logs' }).getByRole('row').filter({ hasText: 'Remove member from role (PIM activation expired)' })).toHaveCount(1);

  // The grader replays the jump like any command: the attempt still grades in full.
  await page.getByRole('button', { name: 'Check my work' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Score:' })).toContainText('Score: 100 of 100 points (5 of 5 checks passed).');
});

test('Hint: "Show hint" reveals the hint and hides it again, by keyboard', async ({ page }) => {
  await page.goto(stepUrl(10));
  const main = page.getByRole('main');
  const toggle = main.getByRole('button', { name: 'Show hint: no search results?' });
  const body = main.getByText('Type at least part of the name');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(body).toBeHidden();
  await toggle.focus();
  await page.keyboard.press('Enter');
  const open = main.getByRole('button', { name: 'Hide hint: no search results?' });
  await expect(open).toHaveAttribute('aria-expanded', 'true');
  await expect(body).toBeVisible();
  const controls = await open.getAttribute('aria-controls');
  await expect(page.locator(`#${controls}`)).toContainText('Type at least part of the name');
  await expect(portal(page).getByRole('region', { name: 'Home' })).toBeVisible();
  expect(await axeViolations(page), 'hint open').toEqual([]);
  await page.keyboard.press('Space');
  await expect(main.getByRole('button', { name: 'Show hint: no search results?' })).toHaveAttribute('aria-expanded', 'false');
  await expect(body).toBeHidden();

  // After a client-router move to another step and back, the hint still works.
  await page.getByRole('navigation', { name: 'Previous and next step' }).getByRole('link', { name: /^Next/ }).click();
  await expect(page).toHaveURL(new RegExp(stepUrl(11)));
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(stepUrl(10)));
  await main.getByRole('button', { name: 'Show hint: no search results?' }).click();
  await expect(main.getByText('Type at least part of the name')).toBeVisible();
});

test('CheckBadge: the eligibility check turns from Not yet to Passed as the learner assigns the role', async ({ page }) => {
  await page.goto(`${stepUrl(7)}?mode=test`);
  const badge = page.getByRole('main').locator('.check-badge', { hasText: 'demouser is eligible (not active) for User Administrator' });
  await expect(badge.getByRole('status')).toHaveText(/Not yet$/);
  expect(await axeViolations(page), 'badge: not yet').toEqual([]);
  await makeDemoEligible(page);
  await expect(badge.getByRole('status')).toHaveText(/Passed$/);
  await expect(badge).toHaveClass(/check-badge-passed/);
});
