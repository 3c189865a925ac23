import { expect, test } from '@playwright/test';
import {
  activateFromMyRoles,
  ADMIN_UPN,
  bodyRows,
  closePane,
  completedStages,
  DEMO_UPN,
  expectActivationRefreshed,
  expectSignedInAs,
  makeDemoEligible,
  nextStep,
  pane,
  portal,
  stepUrl,
  switchFromStep,
} from './support';

// Step 13, "Watch the activation complete", read after Activate on step 12: the stages stay on
// screen after the refresh (with My roles › Active assignments behind them) until the learner
// closes the pane, and the activation's row in Active assignments opens its Status again, as
// Entra keeps the request: completed, with no second countdown or refresh, also after a reload.

test('the activation stages stay until closed, and View status shows them again', async ({ page }) => {
  test.setTimeout(120_000);
  const sim = portal(page);

  // Step 12 as the learner does it: demouser eligible, then activated for 1 hour.
  await page.goto(`${stepUrl(12)}?mode=test`);
  await expectSignedInAs(page, ADMIN_UPN);
  await makeDemoEligible(page);
  await switchFromStep(page, 'Switch to demouser', DEMO_UPN);
  const activate = await activateFromMyRoles(page);
  await expect(activate.getByRole('tab', { name: 'Status' })).toHaveAttribute('aria-selected', 'true');

  // Then on to step 13: the stages have run and the portal has refreshed, and they are still there.
  await nextStep(page, 13, 'Watch the activation complete');
  await expectActivationRefreshed(page, 'User Administrator');
  for (const text of ['Processing your request and activating your role.', 'Validating that your activation is successful.', 'Activation completed successfully.'])
    await expect(activate.getByText(text)).toBeVisible();
  await expect(activate).toContainText('When the final stage completes your browser will automatically refresh. You do not have to sign-out and back in again.');
  const myActive = bodyRows(sim.getByRole('table', { name: 'Active assignments' }));
  await expect(myActive).toHaveCount(1);
  await expect(myActive.first()).toContainText('User Administrator');
  // It does not refresh again, nor close by itself (test mode counts down 1 second).
  await page.waitForTimeout(2_000);
  await expect(activate).toBeVisible();
  await expect(completedStages(activate)).toHaveCount(3);

  // A reload keeps the refreshed pane as it was: no second countdown.
  await page.reload();
  await expect(activate).toBeVisible();
  await expect(completedStages(activate)).toHaveCount(3);
  await expect(activate.getByText(/^Refreshed\. User Administrator is active until /)).toBeVisible();
  await expect(activate).not.toContainText('Refresh in');

  // Closed, then opened again from the activation's row: the same three stages, completed.
  // Nothing on screen opened it (it was open before the reload): focus goes to the blade's title.
  await closePane(activate);
  await expect(sim.getByRole('heading', { name: 'My roles | Microsoft Entra roles' })).toBeFocused();
  await myActive.first().getByRole('button', { name: 'View status' }).click();
  await expect(activate.getByRole('tab', { name: 'Status' })).toHaveAttribute('aria-selected', 'true');
  await expect(completedStages(activate)).toHaveCount(3);
  await expect(activate.getByText('Activation completed successfully.')).toBeVisible();
  await expect(activate.getByText(/^User Administrator is active until /)).toBeVisible();
  await expect(activate.getByRole('progressbar')).toHaveCount(0);
  await page.waitForTimeout(1_500);
  await expect(activate).not.toContainText('Refresh in');
  await expect(activate).toBeVisible();

  // And after a reload, once closed (focus back on View status, which opened it): View status again shows them completed.
  await closePane(activate);
  await expect(myActive.first().getByRole('button', { name: 'View status' })).toBeFocused();
  await page.reload();
  await expect(sim.getByRole('tab', { name: 'Active assignments' })).toHaveAttribute('aria-selected', 'true');
  await expect(activate).toBeHidden();
  await myActive.first().getByRole('button', { name: 'View status' }).click();
  await expect(completedStages(activate)).toHaveCount(3);
  await expect(activate.getByText(/^User Administrator is active until /)).toBeVisible();
  await expect(activate).not.toContainText('Refresh in');
  await closePane(activate);
  await expect(myActive.first().getByRole('button', { name: 'View status' })).toBeVisible();
});
