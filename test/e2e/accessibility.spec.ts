import { expect, test } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, expectActivationRefreshed, openNav, portal, stepUrl } from './support';

// axe (WCAG 2.1 A/AA) on the catalog, the lab overview and every step page, with the simulator
// loaded; and the lesson's controls reachable by keyboard.

// Every lab folder under labs/ and every step in it, so that a new lab is scanned too.
const labPages = readdirSync('labs', { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join('labs', d.name, 'lab.json')))
  .flatMap((d) => {
    const title = (JSON.parse(readFileSync(join('labs', d.name, 'lab.json'), 'utf8')) as { title: string }).title;
    const steps = readdirSync(join('labs', d.name))
      .filter((f) => /^\d+-.*\.mdx$/.test(f) && !f.startsWith('00-'))
      .sort()
      .map((f) => ({ name: `${d.name} step ${f.replace(/\.mdx$/, '')}`, url: `/labs/${d.name}/${f.replace(/\.mdx$/, '')}/`, ready: null, simulator: true }));
    return [{ name: `${d.name} overview`, url: `/labs/${d.name}/`, ready: title, simulator: false }, ...steps];
  });

const pages = [{ name: 'catalog', url: '/', ready: 'PIM Lab', simulator: false }, ...labPages];

for (const p of pages) {
  test(`axe: no violations on the ${p.name}`, async ({ page }) => {
    await page.goto(p.url);
    if (p.ready) await expect(page.getByRole('heading', { level: 1, name: p.ready })).toBeVisible();
    if (p.simulator) {
      await expect(portal(page).getByRole('region', { name: 'Home' })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Lab steps' })).toContainText('steps complete');
    }
    expect(await axeViolations(page)).toEqual([]);
  });
}

test('axe: no violations with each pane of the seed lab open', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`${stepUrl(5)}?mode=test`);
  const sim = portal(page);
  await sim.getByRole('button', { name: 'Users' }).first().click();
  await sim.getByRole('table', { name: 'All users' }).getByRole('button', { name: 'demouser', exact: true }).click();
  expect(await axeViolations(page), 'user blade').toEqual([]);
  await sim.getByRole('navigation', { name: 'User' }).getByRole('button', { name: 'Assigned roles' }).click();
  await sim.getByRole('button', { name: 'Add assignments' }).click();
  const add = page.getByRole('dialog', { name: 'Add assignments' });
  await expect(add.getByRole('combobox', { name: 'Select role' })).toBeVisible();
  expect(await axeViolations(page), 'Add assignments, Membership').toEqual([]);
  await add.getByRole('combobox', { name: 'Select role' }).fill('User Admin');
  await page.getByRole('option', { name: 'User Administrator', exact: true }).click();
  await add.getByRole('button', { name: 'Next' }).click();
  await expect(add.getByRole('radio', { name: 'Eligible' })).toBeVisible();
  expect(await axeViolations(page), 'Add assignments, Setting').toEqual([]);
  await add.getByRole('button', { name: 'Assign' }).click();
  await expect(add).toBeHidden();
  expect(await axeViolations(page), 'Assigned roles with a row').toEqual([]);

  await page.goto(`${stepUrl(12)}?mode=test`);
  await page.getByRole('main').getByRole('button', { name: 'Switch to demouser' }).click();
  await openNav(page, 'Privileged Identity Management');
  await sim.getByRole('link', { name: 'My roles' }).click();
  await sim.getByRole('table', { name: 'Eligible assignments' }).getByRole('button', { name: 'Activate' }).click();
  const activate = page.getByRole('dialog', { name: 'Activate - User Administrator' });
  await expect(activate.getByRole('button', { name: 'Click to continue' })).toBeVisible();
  expect(await axeViolations(page), 'Activate').toEqual([]);
  await activate.getByRole('button', { name: 'Click to continue' }).click();
  const mfa = page.getByRole('dialog', { name: 'Approve sign-in request' });
  await expect(mfa).toBeVisible();
  expect(await axeViolations(page), 'MFA prompt').toEqual([]);
  await mfa.getByRole('button', { name: 'Approve' }).click();
  await activate.getByRole('textbox', { name: 'Reason (max 500 characters)' }).fill('Create an account for a new team member');
  await activate.getByRole('button', { name: 'Activate', exact: true }).click();
  await expect(activate.getByText('Activation completed successfully.')).toBeVisible();
  expect(await axeViolations(page), 'Status').toEqual([]);
  await expectActivationRefreshed(page, 'User Administrator');
  expect(await axeViolations(page), 'Status after the refresh, over Active assignments').toEqual([]);

  await page.getByRole('button', { name: 'Check my work' }).click();
  await expect(page.getByRole('list', { name: 'Checks' }).getByRole('listitem')).toHaveCount(5);
  expect(await axeViolations(page), 'Check my work results').toEqual([]);
});
