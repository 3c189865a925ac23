import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// The instructors' authoring guide (/authoring/, from content/authoring.mdx): static HTML, with the
// table of check primitives generated from the grader.

test.describe('authoring guide', () => {
  test('shows the guide and every check primitive, and ships no client JavaScript', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto('/authoring/');
    await expect(page).toHaveTitle('Authoring labs · PIM Lab');
    await expect(page.getByRole('heading', { level: 1, name: 'Authoring labs' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'The manifest: lab.json' })).toBeVisible();
    const primitives = page.getByRole('table', { name: /Check primitives/ });
    await expect(primitives.getByRole('rowheader')).toHaveText(['eligibleAssignment', 'activationWithin', 'activationWithMfa', 'createdUserWhileActive', 'resetPasswordWhileActive', 'assignmentExpired', 'noStandingActiveRole']);
    expect(scripts).toEqual([]);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
  });

  test('has no WCAG 2.1 A/AA violations (axe)', async ({ page }) => {
    await page.goto('/authoring/');
    await expect(page.getByRole('heading', { level: 1, name: 'Authoring labs' })).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations).toEqual([]);
  });
});
