import { expect, test } from '@playwright/test';
import { makeDemoEligible, stepUrl } from './support';

// A step opened on its own (a bookmark, a classmate's link) before the work it builds on says so,
// and one click goes to the first step of the stretch that does that work.

test('a step opened before its earlier work says what is missing and leads to where it starts', async ({ page }) => {
  await page.goto(stepUrl(12));
  const notice = page.getByRole('complementary', { name: 'This step builds on earlier work that is not done yet' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('step 6 (Keep the default settings and assign) is not done');
  await expect(notice).toContainText('Do steps 1 to 6 first.');
  await notice.getByRole('link', { name: /^Go to step 1: / }).click();
  await expect(page).toHaveURL(new RegExp(`${stepUrl(1)}$`));
  // Step 1 builds on nothing.
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'This step builds on earlier work that is not done yet' })).toHaveCount(0);

  // Once the work is done, the step stands on it and says nothing.
  await page.goto(`${stepUrl(4)}?mode=test`);
  await makeDemoEligible(page);
  await page.goto(stepUrl(12));
  await expect(page.getByRole('main').locator('[data-check="activated-within-8-hours"]')).toContainText('Not yet');
  await expect(page.getByRole('complementary', { name: 'This step builds on earlier work that is not done yet' })).toHaveCount(0);
  // Step 14 still needs the activation of step 12 (steps 7 to 12).
  await page.goto(stepUrl(14));
  const later = page.getByRole('complementary', { name: 'This step builds on earlier work that is not done yet' });
  await expect(later).toContainText('step 12 (Activate the role for at most 8 hours, with a reason) is not done');
  await expect(later.getByRole('link', { name: /^Go to step 7: / })).toBeVisible();
});
