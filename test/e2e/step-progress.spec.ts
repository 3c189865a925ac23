import { expect, test, type Page } from '@playwright/test';
import { LAB, makeDemoEligible, stepUrl } from './support';

// "Complete" means the step's checks pass; a step without checks is complete once opened. The step
// list shows complete steps (✓) apart from opened steps whose checks do not pass yet (○), counts
// only the complete ones, and neither Next nor any button marks a step with checks complete.

const stepList = (page: Page) => page.getByRole('navigation', { name: 'Lab steps' });
const stepLink = (page: Page, n: number) => stepList(page).getByRole('link', { name: new RegExp(`^${n}\\. `) });
const ELIGIBLE = 'demouser is eligible (not active) for User Administrator at directory scope, through PIM';
const NO_STANDING = 'demouser holds no standing (always active) administrator role';

test('a step with checks is complete when they pass, any other once opened', async ({ page }) => {
  test.setTimeout(90_000);
  // Opening step 1 completes it: it has no checks. Nothing else is done.
  await page.goto(stepUrl(1));
  await expect(stepList(page)).toContainText('1 of 14 steps complete');
  await expect(stepLink(page, 1)).toHaveAccessibleName(/\(complete\)$/);
  await expect(page.getByRole('main').getByText('✓ Step complete: it has no checks, so opening it is enough.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mark step complete' })).toHaveCount(0);

  // Step 6 opened without its work: visited, not complete, and it says what is missing.
  await page.goto(stepUrl(6));
  const state = page.getByRole('main').getByRole('status').filter({ hasText: 'Not done yet' });
  await expect(state).toHaveText(`Not done yet: ${ELIGIBLE}; ${NO_STANDING}.`);
  await expect(stepLink(page, 6)).toHaveAccessibleName(`6. Keep the default settings and assign (visited, not complete: not yet: ${ELIGIBLE}; ${NO_STANDING})`);
  await expect(stepList(page).getByRole('listitem').filter({ has: page.getByRole('link', { name: /^6\. / }) }).locator('.step-list-mark')).toHaveText('○');
  await expect(stepList(page)).toContainText('1 of 14 steps complete');

  // Next does not complete it; the step it leads to is complete (no checks) once open.
  await page.getByRole('navigation', { name: 'Previous and next step' }).getByRole('link', { name: /^Next/ }).click();
  await expect(page).toHaveURL(new RegExp(`${stepUrl(7)}$`));
  await expect(stepLink(page, 7)).toHaveAccessibleName(/\(complete\)$/);
  await expect(stepLink(page, 6)).toHaveAccessibleName(/\(visited, not complete: not yet: /);
  await expect(stepList(page)).toContainText('2 of 14 steps complete');

  // Doing the work completes step 6, live, wherever the list is.
  await makeDemoEligible(page);
  await expect(stepLink(page, 6)).toHaveAccessibleName('6. Keep the default settings and assign (complete)');
  await expect(stepList(page)).toContainText('3 of 14 steps complete');
  await page.getByRole('navigation', { name: 'Previous and next step' }).getByRole('link', { name: /^Previous/ }).click();
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Checks pass' })).toHaveText('✓ Checks pass: step complete.');

  // The overview counts the same, in its step list and in the attempt's line.
  await page.goto(LAB);
  await expect(stepList(page)).toContainText('3 of 14 steps complete');
  await expect(page.getByRole('region', { name: 'Your attempts' }).getByRole('listitem').first()).toContainText('3 of 14 steps complete');
  // Step 12 was never opened and its checks do not pass: no mark.
  await expect(stepLink(page, 12)).toHaveAccessibleName('12. Activate the role for at most 8 hours, with a reason');
});

test('without JavaScript the step list is served whole, with no marks', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(stepUrl(6));
  await expect(stepList(page).getByRole('link')).toHaveCount(14);
  await expect(stepList(page)).toContainText('14 steps');
  await expect(stepList(page)).not.toContainText('steps complete');
  await expect(stepList(page).getByText(/\((complete|visited)/)).toHaveCount(0);
  await expect(stepLink(page, 6)).toHaveAttribute('aria-current', 'step');
  await context.close();
});
