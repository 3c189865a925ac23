import { expect, test, type Page } from '@playwright/test';
import { ADMIN_UPN, checkItem, chooseRole, axeViolations, bodyRows, expectSignedInAs, assignToDemo, makeDemoEligible, openAssignedRolesOfDemo, pane, portal, stepUrl } from './support';

// A learner who assigns User Administrator as Active instead of Eligible: Check my work points to the
// step that says how to fix it (step 6), whose hint is followed as written: Remove (refused while the
// assignment is less than 5 minutes old, with the time it can be removed), the lab's time travel,
// Remove again, then the eligible assignment. The checks then pass.

const PORTAL_TIME = String.raw`\d{1,2}/\d{1,2}/\d{4}, \d{1,2}:\d{2}:\d{2} [AP]M`;

test('an Active assignment made by mistake is removed and made eligible by following Check my work', async ({ page }) => {
  test.setTimeout(120_000);
  const sim = portal(page);

  // The mistake: Add assignments with Assignment type Active.
  await page.goto(`${stepUrl(4)}?mode=test`);
  await expectSignedInAs(page, ADMIN_UPN);
  await openAssignedRolesOfDemo(page);
  await assignToDemo(page, 'User Administrator', { active: { justification: 'Needs to create users' } });

  // Check my work: not eligible, a standing role, and the step that fixes it.
  await page.getByRole('button', { name: 'Check my work' }).click();
  const eligible = checkItem(page, 'demouser is eligible (not active) for User Administrator');
  const standing = checkItem(page, 'demouser holds no standing (always active) administrator role');
  await expect(eligible).toContainText('Not yet');
  await expect(eligible.locator('.check-found')).toContainText('as an active (Assigned) assignment made at');
  await expect(eligible).toContainText('If you assigned it as Active, remove that assignment first: step 6 says how.');
  await expect(standing).toContainText('Not yet');
  const fixing = standing.getByRole('link', { name: '6. Keep the default settings and assign' });
  await expect(eligible.getByRole('link', { name: '6. Keep the default settings and assign' })).toBeVisible();

  // Step 6 explains the fix in a hint.
  await fixing.click();
  await expect(page).toHaveURL(new RegExp(stepUrl(6)));
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { name: 'If you assigned it as Active' })).toBeVisible();
  await main.getByRole('button', { name: 'Show hint: remove an Active assignment' }).click();
  const hint = main.locator('.hint-body').filter({ hasText: 'Active assignments' });
  await expect(hint).toBeVisible();
  await expect(hint).toContainText('Entra refuses to remove an assignment less than 5 minutes old');

  // 1. demouser | Assigned roles › Active assignments. 2. Remove, Yes: refused, with when.
  await openAssignedRolesOfDemo(page);
  await sim.getByRole('tab', { name: 'Active assignments' }).click();
  const activeRow = bodyRows(sim.getByRole('table', { name: 'Active assignments' })).first();
  await expect(activeRow).toContainText('User Administrator');
  const madeAt = (await activeRow.getByRole('cell').nth(5).innerText()).trim();
  expect(madeAt).toMatch(new RegExp(`^${PORTAL_TIME}$`));
  const removeActive = async () => {
    await activeRow.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog', { name: 'Remove' }).getByRole('button', { name: 'Yes' }).click();
  };
  await removeActive();
  const refusal = sim.getByRole('alert');
  await expect(refusal).toContainText('An assignment cannot be removed within 5 minutes of being made. Try again at ');
  const retryAt = new RegExp(`Try again at (${PORTAL_TIME}) or later\\.`).exec(await refusal.innerText())?.[1];
  // 5 minutes after the Start time the portal shows (both in the browser's time zone, to the second).
  expect(Date.parse(retryAt!) - Date.parse(madeAt)).toBe(5 * 60_000);
  await expect(activeRow).toContainText('User Administrator');
  expect(await axeViolations(page), 'step 6 with the hint open and the refusal shown').toEqual([]);

  // 3. The lab's time travel, then Remove and Yes again.
  const travel = hint.getByRole('group', { name: 'Time travel' });
  await travel.getByRole('button', { name: '5 minutes later' }).click();
  await expect(travel.getByRole('status')).toContainText("5 minutes later: the tenant's clock is now");
  await removeActive();
  await expect(sim.getByRole('status').filter({ hasText: 'was removed' })).toContainText('User Administrator was removed from demouser.');
  // 4. No results.
  await expect(sim.getByRole('table', { name: 'Active assignments' })).toContainText('No results');

  // 5. Add assignments, User Administrator, Next, Eligible, Assign.
  await makeDemoEligible(page);

  // Check my work (the panel is new on this page): both checks pass now.
  await page.getByRole('button', { name: 'Check my work' }).click();
  await expect(eligible).toContainText('Passed');
  await expect(standing).toContainText('Passed');
  await expect(page.getByRole('status').filter({ hasText: 'Score:' })).toContainText('Score: 40 of 100 points (2 of 5 checks passed).');
});

test('a permanent eligibility in the Time-bound access lab is replaced by one that ends in 7 days, as step 1 says', async ({ page }) => {
  test.setTimeout(120_000);
  const sim = portal(page);
  const lab = '/labs/time-bound-access/';
  const openAlexRoles = async () => {
    await sim.getByRole('navigation', { name: 'Portal navigation' }).getByRole('button', { name: 'Users', exact: true }).click();
    await sim.getByRole('table', { name: 'All users' }).getByRole('button', { name: 'Alex Wilber', exact: true }).click();
    await sim.getByRole('navigation', { name: 'User' }).getByRole('button', { name: 'Assigned roles' }).click();
    await expect(sim.getByRole('heading', { name: 'Alex Wilber | Assigned roles' })).toBeVisible();
  };
  const addHelpdesk = async (endsIn7Days: boolean) => {
    await sim.getByRole('button', { name: 'Add assignments' }).click();
    const add = pane(page, 'Add assignments');
    await chooseRole(page, 'Helpdesk Administrator');
    await add.getByRole('button', { name: 'Next' }).click();
    if (endsIn7Days) {
      await add.getByRole('checkbox', { name: 'Permanently eligible' }).uncheck();
      const end = new Date(`${await add.getByRole('textbox', { name: 'Assignment starts date' }).inputValue()}T00:00:00Z`);
      end.setUTCDate(end.getUTCDate() + 7);
      await add.getByRole('textbox', { name: 'Assignment ends date' }).fill(end.toISOString().slice(0, 10));
      await add.getByRole('textbox', { name: 'Assignment ends time' }).fill(await add.getByRole('textbox', { name: 'Assignment starts time' }).inputValue());
    }
    await add.getByRole('button', { name: 'Assign' }).click();
    await expect(add).toBeHidden();
  };

  // The mistake: Permanently eligible left selected.
  await page.goto(`${lab}02-check-the-end-date/?mode=test`);
  await expectSignedInAs(page, 'admin@contosohelp.onmicrosoft.com');
  await openAlexRoles();
  await addHelpdesk(false);

  // Check my work: the duration in words, and the step that fixes it.
  await page.getByRole('button', { name: 'Check my work' }).click();
  const eligible = checkItem(page, 'Alex was made eligible for Helpdesk Administrator for at most 7 days');
  await expect(eligible).toContainText('Not yet');
  await expect(eligible.locator('.check-found')).toHaveText(
    'What the grader found: alex@contosohelp.onmicrosoft.com is eligible for Helpdesk Administrator at directory scope "/" permanently, but the eligibility must end within 7 days of its start.',
  );
  await expect(eligible).toContainText('If you made it permanent or Active, remove that assignment first: the hint in step 1 says how.');
  await eligible.getByRole('link', { name: '1. Make Alex eligible for Helpdesk Administrator for 7 days' }).click();
  await expect(page).toHaveURL(new RegExp(`${lab}01-make-alex-eligible-for-7-days/`));

  // The hint of step 1: Eligible assignments › Remove, Yes (refused for 5 minutes), time travel, again.
  const main = page.getByRole('main');
  await main.getByRole('button', { name: 'Show hint: made it permanent, or Active, by mistake?' }).click();
  const hint = main.locator('.hint-body').filter({ hasText: 'Remove' });
  await openAlexRoles();
  await sim.getByRole('tab', { name: 'Eligible assignments' }).click();
  const row = bodyRows(sim.getByRole('table', { name: 'Eligible assignments' })).first();
  await expect(row).toContainText('Permanent');
  const remove = async () => {
    await row.getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('dialog', { name: 'Remove' }).getByRole('button', { name: 'Yes' }).click();
  };
  await remove();
  await expect(sim.getByRole('alert')).toContainText(new RegExp(`^An assignment cannot be removed within 5 minutes of being made\\. Try again at ${PORTAL_TIME} or later\\.$`));
  await hint.getByRole('group', { name: 'Time travel' }).getByRole('button', { name: '5 minutes later' }).click();
  await expect(hint.getByRole('group', { name: 'Time travel' }).getByRole('status')).toContainText("5 minutes later: the tenant's clock is now");
  await remove();
  await expect(sim.getByRole('status').filter({ hasText: 'was removed' })).toContainText('Helpdesk Administrator was removed from Alex Wilber.');

  // Then the assignment again, ending 7 days after it starts: the check passes.
  await addHelpdesk(true);
  await page.getByRole('button', { name: 'Check my work' }).click();
  await expect(eligible).toContainText('Passed');
});
