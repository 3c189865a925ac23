import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

test.describe('home page', () => {
  test('shows the PIM Lab heading and the lab list', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveTitle('PIM Lab');
    await expect(page.getByRole('heading', { level: 1, name: 'PIM Lab' })).toBeVisible();
    const labs = page.getByRole('region', { name: 'Labs' });
    await expect(labs.getByRole('heading', { level: 2, name: 'Labs' })).toBeVisible();
    await expect(labs.getByRole('listitem')).toContainText(['Configure an eligible role with PIM']);
    await expect(labs.getByRole('link', { name: 'Configure an eligible role with PIM' })).toHaveAttribute('href', '/labs/pim-eligible-role/');
    await expect(labs.getByRole('listitem')).toContainText(['Beginner · about 20 minutes · 14 steps']);
  });

  test('ships no client JavaScript', async ({ page }) => {
    const scripts: string[] = [];
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'PIM Lab' })).toBeVisible();
    expect(scripts).toEqual([]);
    expect(await page.evaluate(() => document.scripts.length)).toBe(0);
  });

  test('has no WCAG 2.1 A/AA violations (axe)', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'PIM Lab' })).toBeVisible();
    const results = await new AxeBuilder({ page })
      .exclude('[data-tabster-dummy]')
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(results.violations).toEqual([]);
  });

  test('every link and button is reachable with Tab', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'PIM Lab' })).toBeVisible();

    const controls = [...(await page.getByRole('link').all()), ...(await page.getByRole('button').all())];
    expect(controls.length).toBeGreaterThan(0);

    const reached = new Set<number>();
    for (let press = 0; press < controls.length * 2 + 5 && reached.size < controls.length; press++) {
      await page.keyboard.press('Tab');
      for (const [index, control] of controls.entries()) {
        if (await control.evaluate((el) => el === document.activeElement)) reached.add(index);
      }
    }

    const unreachable: string[] = [];
    for (const [index, control] of controls.entries()) {
      if (!reached.has(index)) unreachable.push((await control.innerText()).trim());
    }
    expect(unreachable).toEqual([]);
  });

  test('the skip link moves focus to the main content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });
});
