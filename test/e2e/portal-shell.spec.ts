import { expect, test, type Page } from '@playwright/test';
import {
  activateFromMyRoles,
  accountButton,
  ADMIN_UPN,
  axeViolations,
  closePane,
  DEMO_UPN,
  expectActivationRefreshed,
  expectNothingClipped,
  expectSignedInAs,
  makeDemoEligible,
  openNav,
  pane,
  portal,
  showSimulator,
  stepUrl,
} from './support';

// The admin center's shell around the blades: the left menu with its groups, the global search with
// its result types, the notifications bell, and the account button.

const nav = (page: Page) => portal(page).getByRole('navigation', { name: 'Portal navigation' });
const group = (page: Page, name: string) => nav(page).getByRole('button', { name, exact: true });
const bell = (page: Page) => portal(page).getByRole('button', { name: /^Notifications/ });
const search = (page: Page) => portal(page).getByRole('searchbox', { name: 'Search resources, services, and docs' });
const notifications = (page: Page) => portal(page).getByRole('dialog', { name: 'Notifications' });

/** As the signed-in account (demouser, eligible): My roles › Activate User Administrator for 1 hour. */
async function activateUserAdministrator(page: Page) {
  const activate = await activateFromMyRoles(page);
  // The stages stay on screen after the refresh until the learner closes the pane.
  await expectActivationRefreshed(page, 'User Administrator');
  await closePane(activate);
}

async function switchAccount(page: Page, from: string, to: string) {
  await accountButton(page, from).click();
  await page.getByRole('menuitemradio', { name: new RegExp(`\\(${to.replace(/\./g, '\\.')}\\)$`) }).click();
  await expectSignedInAs(page, to);
}

test('the left menu: groups that expand and collapse, the current page, and a page not part of this lab', async ({ page }) => {
  await page.goto(stepUrl(4));
  const sim = portal(page);
  await expect(nav(page).getByRole('button', { name: 'Home', exact: true })).toHaveAttribute('aria-current', 'page');

  // The groups the labs work in, Identity and ID Governance, are open at first; Favorites is closed.
  await expect(group(page, 'Identity')).toHaveAttribute('aria-expanded', 'true');
  await expect(nav(page).getByRole('button', { name: 'Users', exact: true })).toBeVisible();
  await expect(group(page, 'ID Governance')).toHaveAttribute('aria-expanded', 'true');
  await expect(group(page, 'Favorites')).toHaveAttribute('aria-expanded', 'false');
  await group(page, 'Favorites').click();
  await expect(group(page, 'Favorites')).toHaveAttribute('aria-expanded', 'true');
  await expect(nav(page).getByText(/^No favorites yet\./)).toBeVisible();
  await group(page, 'Identity').click();
  await expect(group(page, 'Identity')).toHaveAttribute('aria-expanded', 'false');
  await expect(nav(page).getByRole('button', { name: 'Users', exact: true })).toBeHidden();
  await group(page, 'ID Governance').click();
  await expect(group(page, 'ID Governance')).toHaveAttribute('aria-expanded', 'false');
  await expect(nav(page).getByRole('button', { name: 'Privileged Identity Management', exact: true })).toBeHidden();
  expect(await axeViolations(page), 'axe, menu groups').toEqual([]);

  // Going to a page of a closed group (here by the search) opens the group, with the page current.
  await search(page).fill('privilege');
  await sim.getByRole('list', { name: /^Services/ }).getByRole('button', { name: 'Microsoft Entra Privileged Identity Management' }).click();
  await expect(sim.getByRole('heading', { name: 'Privileged Identity Management | Quick start' })).toBeVisible();
  await expect(group(page, 'ID Governance')).toHaveAttribute('aria-expanded', 'true');
  await expect(nav(page).getByRole('button', { name: 'Privileged Identity Management', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(nav(page).getByRole('button', { name: 'Home', exact: true })).not.toHaveAttribute('aria-current', 'page');
  await expect(group(page, 'Identity')).toHaveAttribute('aria-expanded', 'false');

  // An item the labs do not use: a page titled with it that says so, and the way back.
  await openNav(page, 'Access reviews');
  await expect(sim.getByRole('heading', { name: 'Access reviews', exact: true })).toBeVisible();
  await expect(sim.getByText('Access reviews is not part of this lab.')).toBeVisible();
  await expect(nav(page).getByRole('button', { name: 'Access reviews', exact: true })).toHaveAttribute('aria-current', 'page');
  const crumbs = sim.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(crumbs.getByText('Access reviews')).toHaveAttribute('aria-current', 'page');
  expect(await axeViolations(page), 'axe, a page not part of this lab').toEqual([]);
  await sim.getByRole('button', { name: 'Go to Home' }).click();
  await expect(sim.getByRole('heading', { name: 'Home', exact: true })).toBeVisible();
  await expect(nav(page).getByRole('button', { name: 'Home', exact: true })).toHaveAttribute('aria-current', 'page');

  // From another one, the breadcrumb leads Home too, and the lab's own places are a click away.
  await openNav(page, 'Groups');
  await expect(sim.getByText('Groups is not part of this lab.')).toBeVisible();
  await crumbs.getByRole('button', { name: 'Home' }).click();
  await expect(sim.getByRole('heading', { name: 'Home', exact: true })).toBeVisible();
  await openNav(page, 'Groups');
  await sim.getByRole('region', { name: 'Groups' }).getByRole('button', { name: 'Privileged Identity Management', exact: true }).click();
  await expect(sim.getByRole('heading', { name: 'Privileged Identity Management | Quick start' })).toBeVisible();

  // PIM's own menu words its unbuilt items the same way (the menu starts collapsed beside the lesson).
  const expand = sim.getByRole('button', { name: 'Expand menu' });
  if (await expand.isVisible()) await expand.click();
  await sim.getByRole('navigation', { name: 'Privileged Identity Management' }).getByText('Approve requests').click();
  await expect(sim).toContainText('Approve requests is not part of this lab.');
});

test('the global search: All, Services and Resources, and a user opened from Resources', async ({ page }) => {
  await page.goto(stepUrl(4));
  const sim = portal(page);
  const types = sim.getByRole('group', { name: 'Result types' });
  const services = sim.getByRole('list', { name: /^Services/ });
  const resources = sim.getByRole('list', { name: /^Resources/ });

  // "user": the Users service and the user demouser.
  await search(page).fill('user');
  await expect(types.getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'true');
  await expect(services.getByRole('button', { name: 'Users', exact: true })).toBeVisible();
  await expect(resources.getByRole('button', { name: /^demouser/ })).toBeVisible();
  expect(await axeViolations(page), 'axe, search results').toEqual([]);
  await types.getByRole('button', { name: 'Services' }).click();
  await expect(types.getByRole('button', { name: 'Services' })).toHaveAttribute('aria-pressed', 'true');
  await expect(types.getByRole('button', { name: 'All' })).toHaveAttribute('aria-pressed', 'false');
  await expect(services).toBeVisible();
  await expect(resources).toBeHidden();
  await types.getByRole('button', { name: 'Resources' }).click();
  await expect(services).toBeHidden();
  await expect(resources.getByRole('button', { name: /^demouser/ })).toContainText(DEMO_UPN);

  // A user is found by sign-in name too; nothing found says so.
  await search(page).fill('admin@');
  await expect(resources.getByRole('button', { name: /^Main Account/ })).toBeVisible();
  await types.getByRole('button', { name: 'Services' }).click();
  await expect(sim.getByText('No results for ‘admin@’ in Services.')).toBeVisible();

  // Escape clears the search, from the results as from the box.
  await types.getByRole('button', { name: 'All' }).focus();
  await page.keyboard.press('Escape');
  await expect(search(page)).toHaveValue('');
  await expect(search(page)).toBeFocused();
  await expect(types).toBeHidden();

  // The guide's step 10 search still finds PIM under Services; Down arrow goes into the results.
  await search(page).fill('privilege');
  await search(page).press('ArrowDown');
  await expect(services.getByRole('button', { name: 'Microsoft Entra Privileged Identity Management' })).toBeFocused();
  await page.keyboard.press('Escape');

  // Choosing a user opens its Overview.
  await search(page).fill('demo');
  await types.getByRole('button', { name: 'Resources' }).click();
  await resources.getByRole('button', { name: /^demouser/ }).click();
  await expect(sim.getByRole('heading', { name: 'demouser | Overview' })).toBeVisible();
  await expect(search(page)).toHaveValue('');
});

test('notifications: the admin sees the assignment made, demouser the role activated, each with its count of new ones', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${stepUrl(4)}?mode=test`);
  await expectSignedInAs(page, ADMIN_UPN);
  await expect(bell(page)).toHaveAccessibleName('Notifications');

  await makeDemoEligible(page);
  await expect(bell(page)).toHaveAccessibleName('Notifications, 1 new');
  await bell(page).click();
  await expect(notifications(page)).toBeVisible();
  await expect(notifications(page).getByRole('heading', { name: /^Assignment added/ })).toContainText('New');
  await expect(notifications(page)).toContainText('Eligible assignment of User Administrator to demouser, permanent.');
  // Opened, the list is read: the count clears.
  await expect(bell(page)).toHaveAccessibleName('Notifications');
  expect(await axeViolations(page), 'axe, notifications').toEqual([]);
  await page.keyboard.press('Escape');
  await expect(notifications(page)).toBeHidden();
  await expect(bell(page)).toBeFocused();
  // Read: no longer new.
  await bell(page).click();
  await expect(notifications(page).getByRole('heading', { name: /^Assignment added/ })).not.toContainText('New');
  await notifications(page).getByRole('button', { name: 'Close notifications' }).click();
  await expect(notifications(page)).toBeHidden();

  // Each account has its own: demouser has none until it activates the role.
  await switchAccount(page, ADMIN_UPN, DEMO_UPN);
  await expect(bell(page)).toHaveAccessibleName('Notifications');
  await activateUserAdministrator(page);
  await expect(bell(page)).toHaveAccessibleName('Notifications, 1 new');
  await bell(page).click();
  await expect(notifications(page).getByRole('heading', { name: /^Role activated/ })).toBeVisible();
  await expect(notifications(page)).toContainText(/'User Administrator' role activated until \d+\/\d+\/\d{4}, \d+:\d\d:\d\d [AP]M\./);
  await expect(notifications(page)).not.toContainText('Assignment added');
  await notifications(page).getByRole('button', { name: 'Dismiss all' }).click();
  await expect(notifications(page)).toContainText('No new notifications.');

  // Back as the admin: its notification, already read, and still there after a reload.
  await page.keyboard.press('Escape');
  await switchAccount(page, DEMO_UPN, ADMIN_UPN);
  await page.reload();
  await expect(bell(page)).toHaveAccessibleName('Notifications');
  await bell(page).click();
  await expect(notifications(page).getByRole('heading', { name: /^Assignment added/ })).toBeVisible();
  await expect(notifications(page)).not.toContainText('Role activated');
});

test('the account button is named "<UPN>: Switch account", shows the UPN and initials, and names the account and directory in its tooltip', async ({ page }) => {
  await page.goto(stepUrl(4));
  const button = accountButton(page, ADMIN_UPN);
  await expect(button).toBeVisible();
  await expect(button).toHaveText(ADMIN_UPN);
  await expect(button).toHaveAttribute('title', 'Main Account (admin@mydirectory.onmicrosoft.com), My Directory');
  // The initials are drawn, not text: hidden from assistive technology, and no part of the name.
  const initials = button.locator('[aria-hidden="true"]');
  expect(await initials.evaluate((el) => getComputedStyle(el, '::before').content)).toBe('"MA"');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the menu, the search and the notifications fit and pass axe', async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(`${stepUrl(4)}?mode=test`);
    await showSimulator(page);
    const sim = portal(page);

    // The menu, behind the top bar's button, with its groups.
    const menu = sim.getByRole('button', { name: 'Show portal menu' });
    await menu.click();
    await group(page, 'Favorites').click();
    await expect(nav(page).getByText(/^No favorites yet\./)).toBeVisible();
    await expect(nav(page).getByRole('button', { name: 'Privileged Identity Management', exact: true })).toBeVisible();
    await expectNothingClipped(page);
    expect(await axeViolations(page), 'axe, phone, menu with its groups').toEqual([]);
    await page.keyboard.press('Escape');
    await expect(nav(page)).toBeHidden();
    await expect(menu).toBeFocused();

    // The search's results, under the whole top bar.
    await search(page).fill('user');
    await expect(sim.getByRole('list', { name: /^Resources/ })).toBeVisible();
    await expectNothingClipped(page);
    expect(await axeViolations(page), 'axe, phone, search results').toEqual([]);
    await search(page).press('Escape');

    // A page not part of this lab.
    await openNav(page, 'Access reviews');
    await expect(sim.getByText('Access reviews is not part of this lab.')).toBeVisible();
    await expectNothingClipped(page);

    // The notifications, after an assignment.
    await makeDemoEligible(page);
    await expect(bell(page)).toHaveAccessibleName('Notifications, 1 new');
    await bell(page).click();
    await expect(notifications(page)).toContainText('Assignment added');
    await expectNothingClipped(page);
    expect(await axeViolations(page), 'axe, phone, notifications').toEqual([]);
  });
});
