import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_UPN, axeViolations, DEMO_UPN, expectSignedInAs, LAB, stepUrl, switchFromStep } from './support';

// Hand-in: the learner gives a name or student ID on the lab's overview; it goes into the attempt
// file (inside, under the hash chain, and in its name), the page says what to do with the file,
// and the instructor's `pim-lab grade` shows the learner beside the file.

/** The learner's local date, as the browser sees it (the file name's date). */
const browserDate = (page: Page) =>
  page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });

const nameField = (page: Page) => page.getByRole('textbox', { name: 'Your name or student ID' });

/** Clicks an Export attempt button and returns the downloaded file's name and text. */
async function exportWith(page: Page, button: ReturnType<Page['getByRole']>, saveAs: string) {
  const download = page.waitForEvent('download');
  await button.click();
  const file = await download;
  await file.saveAs(saveAs);
  return { name: file.suggestedFilename(), text: readFileSync(saveAs, 'utf8') };
}

function gradeJson(file: string) {
  // Exit 1 (a check failed) is a graded file: read the report either way.
  const run = spawnSync(process.execPath, ['bin/pim-lab.mjs', 'grade', file, '--format', 'json'], { encoding: 'utf8' });
  expect(run.status, run.stderr).not.toBe(2);
  return JSON.parse(run.stdout) as { file: string; learner?: string; status: string; score: number };
}

test('a learner names themself on the overview; the exported file carries the name, says how to hand it in, and grades with it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(LAB);
  await expect(nameField(page)).toBeEnabled();
  await nameField(page).fill('  Ada Lovelace ');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveText('Saved. Your attempt files now carry the name Ada Lovelace.');
  await expect(nameField(page)).toHaveValue('Ada Lovelace');

  // A step: the simulator starts the attempt (which takes the saved name); demouser signs in.
  await page.goto(`${stepUrl(1)}?mode=test`);
  await expectSignedInAs(page, ADMIN_UPN);
  await switchFromStep(page, 'Switch to demouser', DEMO_UPN);

  // Export attempt on the step page: the file's name, its learner, and what to do with it.
  const date = await browserDate(page);
  const exported = await exportWith(page, page.getByRole('button', { name: 'Export attempt' }), test.info().outputPath('ada.json'));
  expect(exported.name).toBe(`pim-eligible-role-ada-lovelace-${date}-attempt-1.json`);
  const file = JSON.parse(exported.text) as { learner?: string; events: unknown[] };
  expect(file.learner).toBe('Ada Lovelace');
  expect(file.events.length).toBeGreaterThan(0);
  await expect(page.getByRole('status').filter({ hasText: 'Downloaded' })).toContainText(
    `Downloaded ${exported.name} to your browser's downloads folder. Hand it in as your instructor asks, e.g. upload it to your course; your instructor grades it with pim-lab grade.`,
  );

  // The instructor's grader shows the learner beside the file.
  const graded = gradeJson(test.info().outputPath('ada.json'));
  expect(graded).toMatchObject({ learner: 'Ada Lovelace', status: 'failed' });
  const text = spawnSync(process.execPath, ['bin/pim-lab.mjs', 'grade', test.info().outputPath('ada.json')], { encoding: 'utf8' });
  expect(text.status).toBe(1); // graded; the lab's later checks are not done yet
  expect(text.stdout.split('\n')[0]).toMatch(/ada\.json \(learner: Ada Lovelace\): \d+\/100 FAILED/);

  // Back on the overview: the attempt lists the learner. Changing the name updates the current attempt.
  await page.goto(LAB);
  const attempts = page.getByRole('region', { name: 'Your attempts' });
  await expect(attempts.getByRole('listitem')).toHaveCount(1);
  await expect(attempts.getByRole('listitem')).toContainText('by Ada Lovelace');
  await nameField(page).fill('s1234567');
  await nameField(page).press('Enter');
  await expect(attempts.getByRole('listitem')).toContainText('by s1234567');
  const again = await exportWith(page, attempts.getByRole('button', { name: 'Export Attempt 1' }), test.info().outputPath('student.json'));
  expect(again.name).toBe(`pim-eligible-role-s1234567-${date}-attempt-1.json`);
  expect((JSON.parse(again.text) as { learner?: string }).learner).toBe('s1234567');
  await expect(attempts.getByRole('status')).toContainText(`Downloaded ${again.name} to your browser's downloads folder. Hand it in as your instructor asks`);
  expect(gradeJson(test.info().outputPath('student.json'))).toMatchObject({ learner: 's1234567' });
});

test('without a name the file is named <lab>-<date>-attempt-<n>.json and has no learner', async ({ page }) => {
  await page.goto(`${stepUrl(1)}?mode=test`);
  await expectSignedInAs(page, ADMIN_UPN);
  const date = await browserDate(page);
  const exported = await exportWith(page, page.getByRole('button', { name: 'Export attempt' }), test.info().outputPath('anonymous.json'));
  expect(exported.name).toBe(`pim-eligible-role-${date}-attempt-1.json`);
  expect(JSON.parse(exported.text)).not.toHaveProperty('learner');
  expect(gradeJson(test.info().outputPath('anonymous.json'))).not.toHaveProperty('learner');
});

test('a name that is too long or holds a control character gets its error next to the field, and nothing is saved', async ({ page }) => {
  await page.goto(LAB);
  const field = nameField(page);
  await expect(field).toBeEnabled();
  await field.fill('Ada');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await field.fill('x'.repeat(65));
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveAccessibleDescription(/^Use at most 64 characters \(this has 65\)\./);
  await expect(page.getByRole('alert')).toHaveText('Use at most 64 characters (this has 65).');
  await expect(field).toBeFocused();
  expect(await axeViolations(page)).toEqual([]);

  await field.fill('Ada\u0007Lovelace');
  await field.press('Enter');
  await expect(page.getByRole('alert')).toHaveText('Remove the control character (U+0007) at position 4.');

  // Nothing was saved: a reload shows the name saved before.
  await page.reload();
  await expect(nameField(page)).toHaveValue('Ada');
  await expect(nameField(page)).not.toHaveAttribute('aria-invalid', 'true');
});
