import { expect, test } from '@playwright/test';
import { ADMIN_UPN, expectBoldLabelsOnScreen, expectSignedInAs, openAssignedRolesOfDemo, stepUrl } from './support';

// The check that keeps lesson text and screens together (expectBoldLabelsOnScreen, run at every
// step of every lab's walk) must fail on a label the simulator does not have. The fixture is the
// seed lab's step 2 with "Add assignments" reworded to "Add assignment"; the screen is that step's.

test('a step whose bold label the simulator does not show fails, naming the step and the label', async ({ page }) => {
  await page.goto(stepUrl(2));
  await expectSignedInAs(page, ADMIN_UPN);
  await openAssignedRolesOfDemo(page);

  const file = 'test/fixtures/lesson-text/wrong-labels/02-confirm-no-role-assigned.mdx';
  const failure = await expectBoldLabelsOnScreen(page, 'wrong-labels', '02-confirm-no-role-assigned', { labsDir: 'test/fixtures/lesson-text', timeout: 1_000 }).then(
    () => null,
    (error: Error) => error.message,
  );
  expect(failure).toContain(`${file}: the step names in bold labels that the simulator does not show at this step`);
  expect(failure).toContain(`${file}:18: **Add assignment** (What you should see)`);
  // Only the wrong label: the labels the screen shows pass, and bold outside "What to do" and
  // "What you should see" (emphasis, a callout about a real tenant) is not a label.
  for (const shown of ['Switch to the main account', 'Users', 'demouser', 'Assigned roles', 'demouser | Assigned roles', 'Refresh', 'No results', 'Role', 'Principal name', 'Scope'])
    expect(failure).not.toContain(`**${shown}**`);
  for (const free of ['not', 'Privileged Role Administrator', 'no role']) expect(failure).not.toContain(`**${free}**`);
});
