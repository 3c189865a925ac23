import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import {
  bodyRows,
  closePane,
  expectActivationRefreshed,
  expectBoldLabelsOnScreen,
  expectEveryStepChecked,
  expectSignedInAs,
  lookForBoldLabels,
  openNav,
  pane,
  portal,
  leaveStep,
  showInstructions,
  showSimulator,
} from './support';

// The second lab, "Time-bound access" (labs/time-bound-access/, written as a folder only): the
// admin makes Alex eligible for Helpdesk Administrator for 7 days; Alex activates it for 2 hours and
// resets Sam's password; "2 hours later" the activation has expired and the role is unusable; "7
// days later" the eligibility is under Expired assignments. Walked by role and label, graded 100%.

const LAB2 = '/labs/time-bound-access/';
const ADMIN = 'admin@contosohelp.onmicrosoft.com';
const ALEX = 'alex@contosohelp.onmicrosoft.com';
const STEPS = ['01-make-alex-eligible-for-7-days', '02-check-the-end-date', '03-activate-for-2-hours', '04-reset-sams-password', '05-two-hours-later', '06-after-the-end-date'];
// The lesson text's bold labels, looked for on screen in the middle (look) and at the end (labels) of step n.
const look = (page: Page, n: number) => lookForBoldLabels(page, 'time-bound-access', STEPS[n - 1]!);
const labels = (page: Page, n: number) => expectBoldLabelsOnScreen(page, 'time-bound-access', STEPS[n - 1]!);

/** The step just done is left (nothing of the simulator cut off; a picture on request), then step n is read, then the simulator shown. */
async function next(page: Page, n: number, title: string) {
  await leaveStep(page, `time-bound-access-${STEPS[n - 2]}`);
  await showInstructions(page);
  await page.getByRole('navigation', { name: 'Previous and next step' }).getByRole('link', { name: /^Next/ }).click();
  await expect(page.getByRole('main').getByText(`Step ${n} of 6`)).toBeVisible();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await showSimulator(page);
}

/** A button of the step's instructions (Switch to…, a time travel), then back to the simulator. */
async function inInstructions(page: Page, name: string | RegExp) {
  await showInstructions(page);
  await page.getByRole('main').getByRole('button', { name }).click();
  await showSimulator(page);
}

async function openUser(page: Page, displayName: string) {
  await openNav(page, 'Users');
  await portal(page).getByRole('table', { name: 'All users' }).getByRole('button', { name: displayName, exact: true }).click();
}

async function openMyRoles(page: Page) {
  await openNav(page, 'Privileged Identity Management');
  await portal(page).getByRole('link', { name: 'My roles' }).click();
}

test('a learner walks the Time-bound access lab and it grades 100%', async ({ page }) => {
  test.setTimeout(180_000);
  const sim = portal(page);

  await page.goto('/');
  await page.getByRole('link', { name: 'Time-bound access' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Time-bound access' })).toBeVisible();
  await page.getByRole('link', { name: 'Start lab' }).click();
  await expect(page.getByRole('main').getByText('Step 1 of 6')).toBeVisible();
  // Test mode (quick activation stages) is switched on by a page with the simulator.
  await page.goto(`${page.url()}?mode=test`);
  await showSimulator(page);

  // Step 1: as the main account, Alex eligible for Helpdesk Administrator, ending in 7 days.
  await expectSignedInAs(page, ADMIN);
  await openUser(page, 'Alex Wilber');
  await sim.getByRole('navigation', { name: 'User' }).getByRole('button', { name: 'Assigned roles' }).click();
  await sim.getByRole('button', { name: 'Add assignments' }).click();
  const add = pane(page, 'Add assignments');
  await add.getByRole('combobox', { name: 'Select role' }).fill('Helpdesk');
  await look(page, 1);
  await page.getByRole('option', { name: 'Helpdesk Administrator', exact: true }).click();
  await add.getByRole('button', { name: 'Next' }).click();
  await expect(add.getByRole('radio', { name: 'Eligible' })).toBeChecked();
  await add.getByRole('checkbox', { name: 'Permanently eligible' }).uncheck();
  const starts = await add.getByRole('textbox', { name: 'Assignment starts date' }).inputValue();
  const endDate = new Date(`${starts}T00:00:00Z`);
  endDate.setUTCDate(endDate.getUTCDate() + 7);
  await add.getByRole('textbox', { name: 'Assignment ends date' }).fill(endDate.toISOString().slice(0, 10));
  const startTime = await add.getByRole('textbox', { name: 'Assignment starts time' }).inputValue();
  await add.getByRole('textbox', { name: 'Assignment ends time' }).fill(startTime);
  await look(page, 1);
  await add.getByRole('button', { name: 'Assign' }).click();
  await expect(add).toBeHidden();
  await labels(page, 1);

  // Step 2: the end date shows; nothing is active.
  await next(page, 2, 'Check the end date');
  await sim.getByRole('tab', { name: 'Eligible assignments' }).click();
  const eligible = bodyRows(sim.getByRole('table', { name: 'Eligible assignments' }));
  await expect(eligible).toHaveCount(1);
  await expect(eligible.first()).toContainText('Helpdesk Administrator');
  await expect(eligible.first()).not.toContainText('Permanent');
  await look(page, 2);
  await sim.getByRole('tab', { name: 'Active assignments' }).click();
  await expect(sim.getByRole('table', { name: 'Active assignments' })).toContainText('No results');
  await labels(page, 2);

  // Step 3: as Alex, activate for 2 hours with a reason.
  await next(page, 3, 'Activate Helpdesk Administrator for 2 hours');
  await inInstructions(page, /^Switch to/);
  await expectSignedInAs(page, ALEX);
  // As the step says: the search, then My roles.
  await sim.getByRole('searchbox', { name: 'Search resources, services, and docs' }).fill('privilege');
  await expect(sim.getByRole('list', { name: 'Services' })).toBeVisible();
  await look(page, 3);
  await sim.getByRole('list', { name: 'Services' }).getByRole('button', { name: 'Microsoft Entra Privileged Identity Management' }).click();
  await sim.getByRole('link', { name: 'My roles' }).click();
  await sim.getByRole('table', { name: 'Eligible assignments' }).getByRole('button', { name: 'Activate' }).click();
  const activate = pane(page, 'Activate - Helpdesk Administrator');
  await expect(activate.getByRole('button', { name: 'Click to continue' })).toBeVisible();
  await look(page, 3);
  await activate.getByRole('button', { name: 'Click to continue' }).click();
  await page.getByRole('dialog', { name: 'Approve sign-in request' }).getByRole('button', { name: 'Approve' }).click();
  await activate.getByRole('spinbutton', { name: 'Duration (hours)' }).fill('2');
  await activate.getByRole('textbox', { name: 'Reason (max 500 characters)' }).fill('Sam is locked out and needs a new password');
  await look(page, 3);
  await activate.getByRole('button', { name: 'Activate', exact: true }).click();
  await expect(activate.getByText('Activation completed successfully.')).toBeVisible();
  // The refresh leaves the completed stages on screen, over Active assignments, until Alex closes them.
  await expectActivationRefreshed(page, 'Helpdesk Administrator');
  await look(page, 3);
  await closePane(activate);
  await expect(bodyRows(sim.getByRole('table', { name: 'Active assignments' })).first()).toContainText('Helpdesk Administrator');
  await labels(page, 3);

  // Step 4: reset Sam's password.
  await next(page, 4, "Reset Sam's password");
  await openUser(page, 'Sam Taylor');
  await sim.getByRole('button', { name: 'Reset password' }).click();
  const reset = pane(page, 'Reset password');
  await reset.getByRole('button', { name: 'Reset password' }).click();
  await expect(reset).toContainText('Temporary password');
  await look(page, 4);
  await reset.getByRole('button', { name: 'Close' }).first().click();
  await openNav(page, 'Users');
  await sim.getByRole('navigation', { name: 'Users menu' }).getByRole('button', { name: 'Audit logs' }).click();
  await expect(sim.getByRole('table', { name: 'Audit logs' }).getByRole('row').filter({ hasText: 'Reset user password' }).first()).toContainText(ALEX);
  await labels(page, 4);

  // Step 5: 2 hours later the activation has expired, and Reset password is unavailable.
  await next(page, 5, 'Two hours later');
  await inInstructions(page, '2 hours later');
  await openMyRoles(page);
  await sim.getByRole('tab', { name: 'Active assignments' }).click();
  await expect(sim.getByRole('table', { name: 'Active assignments' })).toContainText('No results');
  await look(page, 5);
  await sim.getByRole('tab', { name: 'Eligible assignments' }).click();
  await expect(bodyRows(sim.getByRole('table', { name: 'Eligible assignments' })).first()).toContainText('Helpdesk Administrator');
  await look(page, 5);
  await openUser(page, 'Sam Taylor');
  await expect(sim.getByRole('button', { name: 'Reset password' })).toBeDisabled();
  await labels(page, 5);

  // Step 6: 7 days later the eligibility is under Expired assignments.
  await next(page, 6, 'After the end date');
  await inInstructions(page, '7 days later');
  await openMyRoles(page);
  await expect(sim.getByRole('table', { name: 'Eligible assignments' })).toContainText('No results');
  await look(page, 6);
  await sim.getByRole('tab', { name: 'Expired assignments' }).click();
  await expect(bodyRows(sim.getByRole('table', { name: 'Expired assignments' })).filter({ hasText: 'Helpdesk Administrator' }).first()).toBeVisible();
  await labels(page, 6);
  expectEveryStepChecked(page, 'time-bound-access');

  // Check my work: 100%, and the exported attempt grades 100% in the CLI too.
  await leaveStep(page, `time-bound-access-${STEPS[5]}`);
  await showInstructions(page);
  await page.getByRole('button', { name: 'Check my work' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Score:' })).toContainText('Score: 100 of 100 points (5 of 5 checks passed).');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export attempt' }).click();
  const file = test.info().outputPath('time-bound-attempt.json');
  await (await download).saveAs(file);
  const cli = JSON.parse(execFileSync(process.execPath, ['bin/pim-lab.mjs', 'grade', file, '--format', 'json'], { encoding: 'utf8' })) as { score: number; maxScore: number; passed: boolean };
  expect(cli).toMatchObject({ score: 100, maxScore: 100, passed: true });

  // Every step opened and every check passing: the step list counts all 6 complete.
  await expect(page.getByRole('navigation', { name: 'Lab steps' })).toContainText('6 of 6 steps complete');
  await expect(page.getByRole('navigation', { name: 'Lab steps' }).getByText('(complete)')).toHaveCount(6);
});
