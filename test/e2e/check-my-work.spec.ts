import { expect, test, type Page } from '@playwright/test';
import { activateFromMyRoles, ADMIN_UPN, checkItem, bodyRows, closePane, expectActivationRefreshed, DEMO_UPN, expectSignedInAs, makeDemoEligible, portal, stepUrl, switchFromStep } from './support';

// Check my work words times and durations as the portal does: an instant in the learner's time zone
// ("2/26/2025, 11:45:19 AM"), a duration in words ("1 hour"), never "PT1H" or "…Z".

const TIME_ZONE = 'America/New_York';
test.use({ timezoneId: TIME_ZONE });

/** How the portal writes an instant (src/portal/shell/format.ts), computed here for the test's time zone. */
const portalFormat = (iso: string) => new Date(iso).toLocaleString('en-US', { timeZone: TIME_ZONE }).replace(/[\u202f\u00a0]/g, ' ');
const PORTAL_TIME = /^\d{1,2}\/\d{1,2}\/\d{4}, \d{1,2}:\d{2}:\d{2} [AP]M$/;


test('Check my work shows times as the portal shows them, in local time, and durations in words', async ({ page }) => {
  test.setTimeout(120_000);
  const sim = portal(page);

  // As the main account: demouser eligible for User Administrator. The portal lists its start time.
  await page.goto(`${stepUrl(4)}?mode=test`);
  await expectSignedInAs(page, ADMIN_UPN);
  await makeDemoEligible(page);
  await sim.getByRole('tab', { name: 'Eligible assignments' }).click();
  const eligibleRow = bodyRows(sim.getByRole('table', { name: 'Eligible assignments' })).first();
  await expect(eligibleRow).toContainText('User Administrator');
  // Role, Principal name, Scope, Membership, Start time, …
  const startShown = (await eligibleRow.getByRole('cell').nth(4).innerText()).trim();
  expect(startShown).toMatch(PORTAL_TIME);

  await page.getByRole('button', { name: 'Check my work' }).click();
  const eligible = checkItem(page, 'demouser is eligible (not active) for User Administrator');
  await expect(eligible).toContainText('Passed');
  // The grader's instant, in the portal's words: the same text as the portal's Start time column.
  const assignedAt = eligible.locator('.check-message time');
  await expect(assignedAt).toHaveText(startShown);
  const iso = await assignedAt.getAttribute('datetime');
  expect(iso).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/);
  expect(portalFormat(iso!)).toBe(startShown);
  await expect(eligible).toContainText(`permanently, assigned at ${startShown} by ${ADMIN_UPN}`);
  await expect(eligible).not.toContainText(iso!);

  // As demouser: activate for 1 hour (step 12), then check again.
  await page.goto(`${stepUrl(12)}?mode=test`);
  await switchFromStep(page, 'Switch to demouser', DEMO_UPN);
  await activateFromMyRoles(page);
  await closePane(await expectActivationRefreshed(page, 'User Administrator'));

  await page.getByRole('button', { name: 'Check my work' }).click();
  const activation = checkItem(page, 'demouser activated User Administrator for at most 8 hours');
  await expect(activation).toContainText('Passed');
  await expect(activation).toContainText(' for 1 hour with the reason "Create an account for a new team member"');
  await expect(activation).toContainText('; the limit is 8 hours.');
  const activatedAt = activation.locator('.check-message time').first();
  await expect(activatedAt).toHaveText(portalFormat((await activatedAt.getAttribute('datetime'))!));
  await expect(activatedAt).toHaveText(PORTAL_TIME);
  // No machine forms left anywhere in the panel.
  const panel = page.getByRole('region', { name: 'Check my work' });
  await expect(panel).not.toContainText(/\bP(T\d|\d+D)/);
  await expect(panel).not.toContainText(/\d{4}-\d\d-\d\dT/);

  // A failed check also shows what the grader found, in the same words.
  const created = checkItem(page, 'demouser created a user while the activated role was active');
  await expect(created).toContainText('Not yet');
  await expect(created.locator('.check-found')).toHaveText(`What the grader found: ${DEMO_UPN} created no user.`);
});
