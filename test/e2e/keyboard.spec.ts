import { expect, test, type Locator, type Page } from '@playwright/test';
import { accountButton, ADMIN_UPN, DEMO_UPN, expectActivationRefreshed, expectSignedInAs, pane, portal, stepUrl } from './support';

// Every control of the lesson is reachable with Tab, and the lab's whole path through the simulator
// can be done with the keyboard alone: Tab (or Shift+Tab) to reach a control, Enter or Space to use it.

const isFocused = (target: Locator) => target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement));

/** Presses `key` until `target` has focus; fails if it never does. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' | 'ArrowDown' = 'Tab', max = 80) {
  await expect(target).toBeVisible();
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`${target} was not reached with ${key} in ${max} presses`);
}

test('every link and button of a step page is reachable with Tab', async ({ page }) => {
  await page.goto(stepUrl(2));
  await expect(portal(page).getByRole('region', { name: 'Home' })).toBeVisible();
  const lesson = page.getByRole('main');
  const controls = [...(await lesson.getByRole('link').all()), ...(await lesson.getByRole('button').all())];
  expect(controls.length).toBeGreaterThan(20);
  // Remember every element that gets focus, then press Tab once per control (and a few more).
  await page.evaluate(() => {
    const w = window as unknown as { focused: Set<EventTarget> };
    w.focused = new Set();
    document.addEventListener('focusin', (e) => e.target && w.focused.add(e.target));
  });
  for (let press = 0; press < controls.length + 10; press++) await page.keyboard.press('Tab');
  const reached = await Promise.all(controls.map((c) => c.evaluate((el) => (window as unknown as { focused: Set<EventTarget> }).focused.has(el))));
  const unreachable = await Promise.all(controls.filter((_, i) => !reached[i]).map((c) => c.innerText()));
  expect(unreachable).toEqual([]);
});

test('the seed lab can be done with the keyboard alone', async ({ page }) => {
  test.setTimeout(120_000);
  const sim = portal(page);
  const kb = page.keyboard;
  await page.goto(`${stepUrl(4)}?mode=test`);
  await expectSignedInAs(page, ADMIN_UPN);

  // The skip link leads into the simulator.
  await kb.press('Tab');
  await kb.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to the simulator' })).toBeFocused();
  await kb.press('Enter');

  // Admin: Users > demouser > Assigned roles > Add assignments.
  await tabTo(page, sim.getByRole('navigation', { name: 'Portal navigation' }).getByRole('button', { name: 'Users' }));
  await kb.press('Enter');
  await tabTo(page, sim.getByRole('table', { name: 'All users' }).getByRole('button', { name: 'demouser', exact: true }));
  await kb.press('Enter');
  await tabTo(page, sim.getByRole('navigation', { name: 'User' }).getByRole('button', { name: 'Assigned roles' }));
  await kb.press('Enter');
  await tabTo(page, sim.getByRole('button', { name: 'Add assignments' }));
  await kb.press('Enter');

  const add = pane(page, 'Add assignments');
  const role = add.getByRole('combobox', { name: 'Select role' });
  await tabTo(page, role);
  await kb.type('User Admin');
  await kb.press('ArrowDown');
  await kb.press('Enter');
  await expect(role).toHaveValue('User Administrator');
  await tabTo(page, add.getByRole('button', { name: 'Next' }));
  await kb.press('Enter');
  await tabTo(page, add.getByRole('button', { name: 'Assign' }));
  await kb.press('Enter');
  await expect(add).toBeHidden();

  // demouser, with the top bar's account menu (Switch account).
  await tabTo(page, accountButton(page, ADMIN_UPN), 'Shift+Tab', 200);
  await kb.press('Enter');
  const demoItem = page.getByRole('menuitemradio', { name: `demouser (${DEMO_UPN})` });
  await tabTo(page, demoItem, 'ArrowDown', 5);
  await kb.press('Enter');
  await expectSignedInAs(page, DEMO_UPN);

  // Search "privilege" > PIM > My roles > Activate.
  await tabTo(page, sim.getByRole('searchbox', { name: 'Search resources, services, and docs' }), 'Tab', 200);
  await kb.type('privilege');
  await tabTo(page, sim.getByRole('list', { name: /^Services/ }).getByRole('button', { name: 'Microsoft Entra Privileged Identity Management' }));
  await kb.press('Enter');
  await tabTo(page, sim.getByRole('link', { name: 'My roles' }));
  await kb.press('Enter');
  await tabTo(page, sim.getByRole('table', { name: 'Eligible assignments' }).getByRole('button', { name: 'Activate' }));
  await kb.press('Enter');

  const activate = pane(page, 'Activate - User Administrator');
  await tabTo(page, activate.getByRole('button', { name: 'Click to continue' }), 'Shift+Tab');
  await kb.press('Enter');
  const mfa = page.getByRole('dialog', { name: 'Approve sign-in request' });
  await tabTo(page, mfa.getByRole('button', { name: 'Approve' }));
  await kb.press('Enter');
  await expect(mfa).toBeHidden();
  await tabTo(page, activate.getByRole('spinbutton', { name: 'Duration (hours)' }));
  await kb.press('Control+a');
  await kb.type('2');
  await tabTo(page, activate.getByRole('textbox', { name: 'Reason (max 500 characters)' }));
  await kb.type('Create an account for a new team member');
  await tabTo(page, activate.getByRole('button', { name: 'Activate', exact: true }));
  await kb.press('Enter');
  await expect(activate.getByText('Activation completed successfully.')).toBeVisible();
  // After the refresh the completed stages stay until the learner closes the pane.
  await expectActivationRefreshed(page, 'User Administrator');
  await tabTo(page, activate.getByRole('button', { name: 'Close', exact: true }).last());
  await kb.press('Enter');
  await expect(activate).toBeHidden();

  // Users > New user > Create new user, filled and created.
  await tabTo(page, sim.getByRole('navigation', { name: 'Portal navigation' }).getByRole('button', { name: 'Users' }), 'Shift+Tab', 200);
  await kb.press('Enter');
  await tabTo(page, sim.getByRole('button', { name: 'New user' }));
  await kb.press('Enter');
  await expect(page.getByRole('menuitem', { name: /^Create new user/ })).toBeFocused();
  await kb.press('Enter');
  await tabTo(page, sim.getByRole('textbox', { name: 'User principal name' }));
  await kb.type('keyboarder');
  await tabTo(page, sim.getByRole('textbox', { name: 'Display name' }));
  await kb.type('Keyboard User');
  await tabTo(page, sim.getByRole('button', { name: 'Review + create' }));
  await kb.press('Enter');
  await tabTo(page, sim.getByRole('button', { name: 'Create', exact: true }), 'Shift+Tab');
  await kb.press('Enter');
  await expect(sim.getByRole('table', { name: 'All users' }).getByRole('button', { name: 'Keyboard User' })).toBeVisible();
});
