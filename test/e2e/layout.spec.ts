import { expect, test, type Page } from '@playwright/test';
import { assignToDemo, axeViolations, bodyRows, clippedControls, lessonViews, makeDemoEligible, openAssignedRolesOfDemo, openNav, pane, portal, showSimulator, stepUrl } from './support';

// The lesson page on a phone, a laptop and a wide screen: what shows, what the learner can switch
// and resize, and that nothing of the simulator is cut off or jolts sideways.

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1280, height: 720 };

/** The largest sideways scroll of any element of the simulator, sampled every frame for `ms`. */
function largestSidewaysScroll(page: Page, ms: number): Promise<number> {
  return page.evaluate(
    (ms) =>
      new Promise<number>((resolve) => {
        const root = document.getElementById('simulator')!;
        let largest = 0;
        const end = performance.now() + ms;
        const sample = () => {
          for (const el of [root, ...root.querySelectorAll<HTMLElement>('*')]) if (el.scrollLeft > largest && !el.matches('[data-scrolls]')) largest = el.scrollLeft;
          largest = Math.max(largest, window.scrollX);
          if (performance.now() < end) requestAnimationFrame(sample);
          else resolve(largest);
        };
        sample();
      }),
    ms,
  );
}

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: PHONE });

  test('shows the instructions or the simulator, each where the learner left it, and keeps the choice', async ({ page }) => {
    await page.goto(stepUrl(4));
    const views = lessonViews(page);
    await expect(views.getByRole('button', { name: 'Instructions' })).toHaveAttribute('aria-pressed', 'true');
    await expect(views.getByRole('button', { name: 'Side by side' })).toBeHidden();
    await expect(page.getByRole('main')).toBeVisible();
    await expect(portal(page)).toBeHidden();

    // Read down the instructions, look at the simulator, and come back to the same place (once the
    // step's islands have rendered: one growing above the place would move it, by design).
    await expect(page.getByRole('main').getByText(/You are signed in as/)).toBeVisible();
    await page.evaluate(() => window.scrollTo(0, 500));
    const readTo = await page.evaluate(() => window.scrollY);
    expect(readTo).toBeGreaterThan(400);
    await views.getByRole('button', { name: 'Simulator' }).click();
    await expect(portal(page)).toBeVisible();
    await expect(page.getByRole('main')).toBeHidden();
    // The simulator fills the window under the bar, which stays on screen.
    const simBox = (await portal(page).boundingBox())!;
    expect(simBox.height).toBeGreaterThan(PHONE.height * 0.8);
    await expect(views).toBeInViewport();
    await views.getByRole('button', { name: 'Instructions' }).click();
    await expect(page.getByRole('main')).toBeVisible();
    expect(await page.evaluate(() => window.scrollY)).toBe(readTo);

    // The choice lasts for the tab: a reload shows the simulator again.
    await views.getByRole('button', { name: 'Simulator' }).click();
    await page.reload();
    await expect(lessonViews(page).getByRole('button', { name: 'Simulator' })).toHaveAttribute('aria-pressed', 'true');
    await expect(portal(page)).toBeVisible();
    expect(await axeViolations(page), 'axe, phone, simulator view').toEqual([]);
    await lessonViews(page).getByRole('button', { name: 'Instructions' }).click();
    expect(await axeViolations(page), 'axe, phone, instructions view').toEqual([]);
  });

  test('hides the portal menu behind a menu button, opens panes across the simulator, and cuts nothing off', async ({ page }) => {
    await page.goto(stepUrl(4));
    await showSimulator(page);
    const sim = portal(page);
    const nav = sim.getByRole('navigation', { name: 'Portal navigation' });
    const menu = sim.getByRole('button', { name: 'Show portal menu' });
    await expect(nav).toBeHidden();
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await menu.click();
    await expect(nav).toBeVisible();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(nav.getByRole('button', { name: 'Home' })).toBeFocused();
    expect(await axeViolations(page), 'axe, phone, portal menu open').toEqual([]);
    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();
    await expect(menu).toBeFocused();

    // Choosing a page closes the menu.
    await openNav(page, 'Users');
    await expect(sim.getByRole('heading', { name: 'Users', exact: true })).toBeVisible();
    await expect(nav).toBeHidden();
    expect(await clippedControls(page)).toEqual([]);

    await openAssignedRolesOfDemo(page);
    // The list drops its less useful columns, says which, and shows them again on request, then
    // scrolling sideways with its actions in view.
    const eligible = sim.getByRole('table', { name: 'Eligible assignments' });
    await expect(eligible.getByRole('columnheader', { name: 'Scope' })).toBeHidden();
    await expect(sim.getByText(/^Not shown at this width:/)).toContainText('Principal name, Scope, Membership, Start time');
    await sim.getByRole('button', { name: 'Show all columns' }).click();
    await expect(eligible.getByRole('columnheader', { name: 'Scope' })).toBeVisible();
    await expect(sim.getByRole('region', { name: 'Eligible assignments (scrolls sideways)' })).toBeVisible();
    await expect(eligible.getByRole('columnheader', { name: 'Action' })).toBeInViewport();
    expect(await clippedControls(page)).toEqual([]);

    const jolt = largestSidewaysScroll(page, 800);
    await sim.getByRole('button', { name: 'Add assignments' }).click();
    const add = pane(page, 'Add assignments');
    await expect(add).toBeVisible();
    expect(await jolt).toBe(0);
    const box = (await add.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    expect(await clippedControls(page)).toEqual([]);
    expect(await axeViolations(page), 'axe, phone, Add assignments open').toEqual([]);
    // No page-wide sideways scroll.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  });
});

test.describe('on a laptop (1280×720)', () => {
  test.use({ viewport: LAPTOP });

  test('shows both side by side, with a divider that resizes the instructions and is remembered', async ({ page }) => {
    await page.goto(stepUrl(4));
    await expect(lessonViews(page)).toBeHidden();
    await expect(page.getByRole('main')).toBeVisible();
    await expect(portal(page)).toBeVisible();
    const divider = page.getByRole('separator', { name: 'Width of the instructions' });
    await expect(divider).toHaveAttribute('aria-valuenow', '30');
    const before = (await page.getByRole('main').boundingBox())!.width;
    await divider.focus();
    await page.keyboard.press('ArrowRight');
    await expect(divider).toHaveAttribute('aria-valuenow', '35');
    expect((await page.getByRole('main').boundingBox())!.width).toBeGreaterThan(before + 40);
    await page.keyboard.press('Home');
    await expect(divider).toHaveAttribute('aria-valuenow', '25');

    // With the pointer too.
    const box = (await divider.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 100);
    await page.mouse.down();
    await page.mouse.move(LAPTOP.width * 0.4, box.y + 100, { steps: 5 });
    await page.mouse.up();
    const dragged = Number(await divider.getAttribute('aria-valuenow'));
    expect(dragged).toBeGreaterThanOrEqual(38);
    expect(dragged).toBeLessThanOrEqual(42);

    await page.reload();
    await expect(page.getByRole('separator', { name: 'Width of the instructions' })).toHaveAttribute('aria-valuenow', String(dragged));
  });

  test('shows the actions of every assignment list without sideways page scroll, and no jolt when a pane opens', async ({ page }) => {
    await page.goto(`${stepUrl(4)}?mode=test`);
    const sim = portal(page);
    await makeDemoEligible(page);

    // An Active assignment too (Add assignments › Setting › Active), for the Active tab's actions.
    await openAssignedRolesOfDemo(page);
    const jolt = largestSidewaysScroll(page, 800);
    await sim.getByRole('button', { name: 'Add assignments' }).click();
    const add = pane(page, 'Add assignments');
    await expect(add).toBeVisible();
    expect(await jolt).toBe(0);
    await add.getByRole('button', { name: 'Close' }).click();
    await expect(add).toBeHidden();
    await assignToDemo(page, 'Helpdesk Administrator', { active: { justification: 'Layout test' } });

    for (const [tab, action] of [
      ['Eligible assignments', 'Remove'],
      ['Active assignments', 'Remove'],
    ] as const) {
      await sim.getByRole('tab', { name: tab }).click();
      const row = bodyRows(sim.getByRole('table', { name: tab })).first();
      const button = row.getByRole('button', { name: action });
      await expect(button).toBeInViewport({ ratio: 1 });
      const b = (await button.boundingBox())!;
      expect(b.x + b.width).toBeLessThanOrEqual(LAPTOP.width);
      expect(await clippedControls(page), tab).toEqual([]);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(LAPTOP.width);
  });
});

test.describe('keyboard', () => {
  test.use({ viewport: LAPTOP });

  test('focus returns to the button that opened a pane when the pane closes', async ({ page }) => {
    await page.goto(stepUrl(4));
    await openAssignedRolesOfDemo(page);
    const opener = portal(page).getByRole('button', { name: 'Add assignments' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const add = pane(page, 'Add assignments');
    await expect(add).toBeVisible();
    // Focus moves into the pane (to its first control or the pane itself).
    await expect.poll(() => add.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Escape');
    await expect(add).toBeHidden();
    await expect(opener).toBeFocused();
    // Also after Assign, which closes the pane itself.
    await assignToDemo(page, 'User Administrator');
    await expect(opener).toBeFocused();
  });
});

test.describe('on a wide screen (1920×1080)', () => {
  test.use({ viewport: { width: 1920, height: 1080 } });

  test('has no axe violations with a pane open beside the lesson, and cuts nothing off', async ({ page }) => {
    await page.goto(`${stepUrl(4)}?mode=test`);
    await openAssignedRolesOfDemo(page);
    await portal(page).getByRole('button', { name: 'Add assignments' }).click();
    await expect(pane(page, 'Add assignments')).toBeVisible();
    expect(await clippedControls(page)).toEqual([]);
    expect(await axeViolations(page)).toEqual([]);
  });
});
