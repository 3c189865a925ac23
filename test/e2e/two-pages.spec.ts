import { expect, test } from '@playwright/test';
import { ADMIN_UPN, bodyRows, DEMO_UPN, expectSignedInAs, makeDemoEligible, openNav, portal, stepUrl, switchFromStep } from './support';

// As in the guide, the admin and demouser work side by side in two tabs of one browser: each tab
// is signed in as its own account, and both see the same tenant as it changes.

test('an eligibility made in one page appears in the other page’s My roles without a reload', async ({ context }) => {
  test.setTimeout(90_000);
  const admin = await context.newPage();
  await admin.goto(`${stepUrl(4)}?mode=test`);
  await expectSignedInAs(admin, ADMIN_UPN);

  const demo = await context.newPage();
  await demo.goto(`${stepUrl(10)}?mode=test`);
  await switchFromStep(demo, 'Switch to demouser', DEMO_UPN);
  await openNav(demo, 'Privileged Identity Management');
  await portal(demo).getByRole('link', { name: 'My roles' }).click();
  const demoEligible = portal(demo).getByRole('table', { name: 'Eligible assignments' });
  await expect(demoEligible).toContainText('No results');

  // Each tab keeps its own account.
  await expectSignedInAs(admin, ADMIN_UPN);

  await admin.bringToFront();
  await makeDemoEligible(admin);

  // The other page was not touched: its My roles now lists the role, ready to activate.
  const row = bodyRows(demoEligible);
  await expect(row).toHaveCount(1);
  await expect(row.first()).toContainText('User Administrator');
  await expect(row.first().getByRole('button', { name: 'Activate' })).toBeEnabled();
  await expectSignedInAs(demo, DEMO_UPN);

  // And a reload of either page keeps its own account.
  await demo.reload();
  await expectSignedInAs(demo, DEMO_UPN);
  await admin.reload();
  await expectSignedInAs(admin, ADMIN_UPN);
});
