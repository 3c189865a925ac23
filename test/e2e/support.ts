import { expect, test, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import { screenLabels } from '../../src/labkit/screenLabels';

// Shared helpers for the end-to-end specs. Everything is found by role and accessible name, as a
// learner (or a screen reader) would find it.

export const LAB = '/labs/pim-eligible-role/';
export const ADMIN_UPN = 'admin@mydirectory.onmicrosoft.com';
export const DEMO_UPN = 'demouser@mydirectory.onmicrosoft.com';

export const STEP_SLUGS = [
  '01-check-the-demo-user',
  '02-confirm-no-role-assigned',
  '03-try-to-create-a-user',
  '04-open-add-assignments',
  '05-select-user-administrator',
  '06-assign-as-eligible',
  '07-check-the-eligible-assignment',
  '08-how-activation-works',
  '09-view-roles-as-demouser',
  '10-open-my-roles',
  '11-find-the-eligible-role',
  '12-activate-the-role',
  '13-watch-the-activation',
  '14-create-a-user-as-demouser',
] as const;

export const stepUrl = (n: number) => `${LAB}${STEP_SLUGS[n - 1]}/`;

/** The simulated admin center on a lesson page or the sandbox. */
export const portal = (page: Page) => page.getByRole('region', { name: 'Simulated Microsoft Entra admin center' });

/** The open pane (Fluent drawer) of the simulator. */
export const pane = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name });

/** Closes a pane with the Close button of its footer (the header's ✕ has the same name), as a learner does. */
export async function closePane(open: Locator) {
  await open.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(open).toBeHidden();
}

/** The completed stages of an activation's Status tab (all three, each "(completed)" to a screen reader). */
export const completedStages = (status: Locator) =>
  status.getByRole('list', { name: 'Activation stages' }).getByRole('listitem').filter({ hasText: '(completed)' });

/**
 * As the signed-in account (eligible for User Administrator): PIM › My roles › Activate on the first
 * eligible role, verify with MFA, then Activate for `hours` with a reason (guide step 12). Returns the pane.
 */
export async function activateFromMyRoles(page: Page, hours = '1') {
  const sim = portal(page);
  await openNav(page, 'Privileged Identity Management');
  await sim.getByRole('link', { name: 'My roles' }).click();
  await bodyRows(sim.getByRole('table', { name: 'Eligible assignments' })).first().getByRole('button', { name: 'Activate' }).click();
  const activate = pane(page, 'Activate - User Administrator');
  await activate.getByRole('button', { name: 'Click to continue' }).click();
  const mfa = page.getByRole('dialog', { name: 'Approve sign-in request' });
  await mfa.getByRole('button', { name: 'Approve' }).click();
  await expect(mfa).toBeHidden();
  await activate.getByRole('spinbutton', { name: 'Duration (hours)' }).fill(hours);
  await activate.getByRole('textbox', { name: 'Reason (max 500 characters)' }).fill('Create an account for a new team member');
  await activate.getByRole('button', { name: 'Activate', exact: true }).click();
  return activate;
}

/**
 * After Activate: the three stages complete, the countdown ends and the portal refreshes onto My
 * roles › Active assignments, while the pane stays open on its Status tab, the stages completed,
 * until the learner closes it. Returns the pane.
 */
export async function expectActivationRefreshed(page: Page, role: string) {
  const status = pane(page, `Activate - ${role}`);
  await expect(status.getByText(new RegExp(`^Refreshed\\. ${role} is active until `))).toBeVisible({ timeout: 20_000 });
  await expect(status.getByRole('tab', { name: 'Status' })).toHaveAttribute('aria-selected', 'true');
  await expect(completedStages(status)).toHaveCount(3);
  await expect(status.getByText(/Refresh in \d second/)).toHaveCount(0);
  await expect(portal(page).getByRole('tab', { name: 'Active assignments' })).toHaveAttribute('aria-selected', 'true');
  return status;
}

/** The top bar's account button, named as the admin center names it: "<UPN>: Switch account". */
export const accountButton = (page: Page, upn: string) => portal(page).getByRole('button', { name: `${upn}: Switch account`, exact: true });

/** The account the simulator's top bar shows as signed in. */
export async function expectSignedInAs(page: Page, upn: string) {
  await expect(accountButton(page, upn)).toBeVisible();
}

/** Uses the step's "Switch to …" offer when the step expects another account. */
export async function switchFromStep(page: Page, label: 'Switch to demouser' | 'Switch to the main account', upn: string) {
  await showInstructions(page);
  await page.getByRole('main').getByRole('button', { name: label }).click();
  await showSimulator(page);
  await expectSignedInAs(page, upn);
}

/** Goes to the next step with the pager, as a learner does (the simulator stays alive). */
export async function nextStep(page: Page, n: number, title?: string | RegExp) {
  await leaveStep(page, `pim-eligible-role-${STEP_SLUGS[n - 2]}`);
  await showInstructions(page);
  await page.getByRole('navigation', { name: 'Previous and next step' }).getByRole('link', { name: /^Next/ }).click();
  await expect(page).toHaveURL(new RegExp(`${stepUrl(n)}`));
  await expect(page.getByRole('main').getByText(`Step ${n} of 14`)).toBeVisible();
  if (title) await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  // Read, then on to the simulator (a phone shows one at a time).
  await showSimulator(page);
}

/** The left menu's groups, and the items the specs open in them (as in the admin center). */
export const NAV_GROUPS = {
  Users: 'Identity',
  Groups: 'Identity',
  'Privileged Identity Management': 'ID Governance',
  'Access reviews': 'ID Governance',
} as const;

/** Opens a left-menu entry of the portal: Home, or an item of its group, which it expands if need be. */
export async function openNav(page: Page, name: 'Home' | keyof typeof NAV_GROUPS) {
  await showSimulator(page);
  // A narrow portal keeps its left menu behind the top bar's menu button, as the admin center does.
  const nav = portal(page).getByRole('navigation', { name: 'Portal navigation', includeHidden: true });
  await expect(nav).toBeAttached(); // the portal has rendered: the menu button's visibility now tells
  const menu = portal(page).getByRole('button', { name: 'Show portal menu' });
  if (await menu.isVisible()) await menu.click();
  if (name !== 'Home') {
    const group = nav.getByRole('button', { name: NAV_GROUPS[name], exact: true });
    if ((await group.getAttribute('aria-expanded')) === 'false') await group.click();
    await expect(group).toHaveAttribute('aria-expanded', 'true');
  }
  await nav.getByRole('button', { name, exact: true }).click();
}

/** Users > All users > demouser > Assigned roles. */
export async function openAssignedRolesOfDemo(page: Page) {
  await openNav(page, 'Users');
  const sim = portal(page);
  await sim.getByRole('table', { name: 'All users' }).getByRole('button', { name: 'demouser', exact: true }).click();
  await sim.getByRole('navigation', { name: 'User' }).getByRole('button', { name: 'Assigned roles' }).click();
  await expect(sim.getByRole('heading', { name: 'demouser | Assigned roles' })).toBeVisible();
}

/**
 * A column of a portal list is on screen, or (a narrow list drops its less useful columns) named
 * under the list as not shown at this width.
 */
export async function expectColumn(table: Locator, name: string) {
  const header = table.getByRole('columnheader', { name, exact: true });
  if (await header.isVisible()) return;
  const frame = table.locator('xpath=ancestor::*[@data-table][1]');
  await expect(frame.getByText(/^Not shown at this width:/)).toContainText(name);
}

/** The rows of a table without its header row. */
export const bodyRows = (table: Locator) => table.getByRole('rowgroup').last().getByRole('row');

/** axe with the WCAG 2.1 A/AA rules; Tabster's focus-trap sentinels are not content. */
/** Waits until every finite animation and transition on the page has finished (panes slide, dialogs fade in). */
export async function animationsSettled(page: Page) {
  await page.evaluate(async () => {
    for (let round = 0; round < 10; round++) {
      const running = document
        .getAnimations()
        .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
      if (running.length === 0) return;
      await Promise.all(running.map((a) => a.finished.catch(() => undefined)));
    }
  });
}

export async function axeViolations(page: Page) {
  // Fluent fades dialogs and panes in; axe measuring a half-faded text reports a contrast the learner
  // never sees, so wait until they have finished.
  await animationsSettled(page);
  const results = await new AxeBuilder({ page }).exclude('[data-tabster-dummy]').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

/** Entries in the attempt logs of this browser's IndexedDB: what a form saved, or did not. */
/**
 * The entries stored in the attempt log; with `exceptSignIns`, the commands but sign-ins (the portal
 * signs an account in on its first command, so a refused first command leaves a sign-in behind).
 */
export async function storedEntries(page: Page, { exceptSignIns = false } = {}): Promise<number> {
  return page.evaluate(
    (exceptSignIns) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('pim-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('entries').objectStore('entries').getAll();
          all.onsuccess = () => (db.close(), resolve((all.result as { command?: { type?: string } }[]).filter((e) => !exceptSignIns || e.command?.type !== 'signIn').length));
          all.onerror = () => reject(all.error);
        };
      }),
    exceptSignIns,
  );
}

/** The commands stored but sign-ins. */
export const storedCommands = (page: Page) => storedEntries(page, { exceptSignIns: true });

/**
 * As the main account, on demouser | Assigned roles: Add assignments of a role, Eligible and
 * permanent, or Active with a justification.
 */
export async function assignToDemo(page: Page, role: string, { active }: { active?: { justification: string } } = {}) {
  await portal(page).getByRole('button', { name: 'Add assignments' }).click();
  const add = pane(page, 'Add assignments');
  await chooseRole(page, role);
  await add.getByRole('button', { name: 'Next' }).click();
  if (active) {
    await add.getByRole('radio', { name: 'Active' }).check();
    await add.getByRole('textbox', { name: 'Enter justification' }).fill(active.justification);
  }
  await add.getByRole('button', { name: 'Assign' }).click();
  await expect(add).toBeHidden();
}

/**
 * Add assignments › Select role: types the start of the role's name and picks it from the list,
 * until the box shows it. On a loaded machine a click can land while the list is still being placed
 * under the box (it opens inside the pane, sized to the room below), and pick nothing; a person
 * would click again, and so does this.
 */
export async function chooseRole(page: Page, role: string) {
  const box = pane(page, 'Add assignments').getByRole('combobox', { name: 'Select role' });
  await expect(async () => {
    await box.fill(role.slice(0, 8));
    await page.getByRole('option', { name: role, exact: true }).click({ timeout: 5_000 });
    await expect(box).toHaveValue(role, { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** As the main account: demouser eligible for User Administrator, permanently (guide steps 4–6). */
export async function makeDemoEligible(page: Page) {
  await openAssignedRolesOfDemo(page);
  await assignToDemo(page, 'User Administrator');
}

/** An item of Check my work's list of checks. */
export const checkItem = (page: Page, title: string | RegExp) => page.getByRole('list', { name: 'Checks' }).getByRole('listitem').filter({ hasText: title });

// ---------- every screen size ----------

/** The lesson page's view buttons (shown below 80rem: Instructions / Side by side / Simulator). */
export const lessonViews = (page: Page) => page.getByRole('group', { name: 'Show' });

async function showView(page: Page, name: 'Instructions' | 'Simulator') {
  const views = lessonViews(page);
  if (!(await views.isVisible())) return; // side by side: both are on screen
  const button = views.getByRole('button', { name, exact: true });
  // In the split view of a mid-size window both show; only a single view needs switching.
  if ((await button.getAttribute('aria-pressed')) === 'true' || (await views.getByRole('button', { name: 'Side by side', includeHidden: true }).getAttribute('aria-pressed')) === 'true') return;
  await button.click();
  await expect(button).toHaveAttribute('aria-pressed', 'true');
}

/** Shows the simulator where the window shows one view at a time (a phone); elsewhere nothing to do. */
export const showSimulator = (page: Page) => showView(page, 'Simulator');
/** Shows the step's instructions where the window shows one view at a time. */
export const showInstructions = (page: Page) => showView(page, 'Instructions');

/**
 * The simulator's visible controls that are cut off: outside the window sideways, or outside a box
 * that clips them without scrolling, or in one that scrolls sideways but does not say so (a list
 * that scrolls sideways is a region named "… (scrolls sideways)", with a line under it). Controls
 * below the fold of a box that scrolls up and down are not cut off: scrolling down shows them.
 */
export async function clippedControls(page: Page): Promise<string[]> {
  // A pane still sliding in is partly outside the portal by design.
  await animationsSettled(page);
  return portal(page).evaluate((root) => {
    const controls = root.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role="tab"], [role="link"], [role="menuitem"], [role="option"], th');
    const found: string[] = [];
    const name = (el: HTMLElement) => `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || style.visibility === 'hidden' || el.closest('[aria-hidden="true"]')) continue;
      let inScroller = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible') continue;
        const clip = a.getBoundingClientRect();
        const outside = box.right > clip.right + 1 || box.left < clip.left - 1;
        if (!outside) continue;
        const scrolls = (s.overflowX === 'auto' || s.overflowX === 'scroll') && a.scrollWidth > a.clientWidth;
        if (scrolls && a.getAttribute('role') === 'region' && /scrolls sideways/.test(a.getAttribute('aria-label') ?? '')) {
          inScroller = true;
          break;
        }
        found.push(`${name(el)} is cut off by ${a.tagName.toLowerCase()}.${[...a.classList].join('.')}`);
        inScroller = true;
        break;
      }
      if (!inScroller && (box.left < -1 || box.right > window.innerWidth + 1)) found.push(`${name(el)} is outside the window (${Math.round(box.left)}–${Math.round(box.right)} of ${window.innerWidth})`);
    }
    return found;
  });
}

/** Asserts that nothing of the simulator is cut off (where the simulator is on screen). */
export async function expectNothingClipped(page: Page) {
  if (!(await portal(page).isVisible())) return;
  expect(await clippedControls(page)).toEqual([]);
}

/** The wide screen that the laptop walks also check each step at (the `wide` project's size). */
const WIDE = { width: 1920, height: 1080 };

/**
 * axe at the window's size with what is on screen; on a phone both views (instructions and
 * simulator), one at a time, as the learner sees them. Ends on the instructions view on a phone.
 */
async function expectNoAxeViolations(page: Page, name: string) {
  const size = page.viewportSize();
  const where = `${name} at ${size?.width}×${size?.height}`;
  if (await lessonViews(page).isVisible()) {
    await showSimulator(page);
    expect(await axeViolations(page), `axe: ${where}, simulator view`).toEqual([]);
    await showInstructions(page);
    expect(await axeViolations(page), `axe: ${where}, instructions view`).toEqual([]);
  } else expect(await axeViolations(page), `axe: ${where}`).toEqual([]);
}

/**
 * The step just done, as the learner leaves it: nothing of the simulator cut off, no axe violation
 * (on a laptop also at 1920×1080, so every step is scanned at the three sizes the walks cover), and
 * a picture of it on request.
 */
export async function leaveStep(page: Page, name: string) {
  await expectNothingClipped(page);
  await expectNoAxeViolations(page, name);
  if (test.info().project.name === 'laptop') {
    const size = page.viewportSize()!;
    await page.setViewportSize(WIDE);
    await expectNoAxeViolations(page, name);
    await page.setViewportSize(size);
  }
  await screenshotStep(page, name);
}

/**
 * With PIM_LAB_SCREENSHOTS set (npm run screenshots), saves the window as
 * test-results/screenshots/<project>/<name>.png: both views on a phone.
 */
export async function screenshotStep(page: Page, name: string) {
  if (!process.env.PIM_LAB_SCREENSHOTS) return;
  const dir = `test-results/screenshots/${test.info().project.name}`;
  await page.waitForTimeout(400); // let panes and dialogs finish sliding in
  if (await lessonViews(page).isVisible()) {
    await showInstructions(page);
    await page.screenshot({ path: `${dir}/${name}-instructions.png` });
    await showSimulator(page);
    await page.screenshot({ path: `${dir}/${name}-simulator.png` });
    await showInstructions(page);
  } else await page.screenshot({ path: `${dir}/${name}.png` });
}

// Lesson text matches the screens. In a step's "What to do" and "What you should see", **bold** is
// a label of the screen (src/labkit/screenLabels.ts; the authoring guide states the rule). The
// walks look at the screen while they do a step and check, at the step's end, that every bold
// label of the step was on screen at one of those moments, so a reworded button fails the build
// of the lesson, not the learner. Where it is looked for: the simulator and what it opens (panes,
// menus, option lists and dialogs, which Fluent renders in a portal node), by accessible name with
// the role locators, as a field's label, or as a visible text of exactly those words; and the
// lesson page's own buttons and links (Switch to demouser, 8 hours later), by name only, since the
// lesson's prose contains every label itself.

const LABEL_ROLES = [
  'button', 'link', 'tab', 'menuitem', 'menuitemradio', 'menuitemcheckbox', 'option', 'columnheader', 'heading',
  'radio', 'checkbox', 'textbox', 'combobox', 'spinbutton', 'searchbox', 'dialog',
] as const;

/** Per page, per step file: the bold labels seen on screen so far. */
const labelsSeen = new WeakMap<Page, Map<string, Set<string>>>();
/** Per page: the step files whose last look passed. */
const stepsChecked = new WeakMap<Page, Set<string>>();
/**
 * Pages the check does not apply to: the lesson text is checked where the lesson and the simulator
 * stand side by side. A phone shows one at a time, and its lists drop their less useful columns.
 */
const notSideBySide = new WeakSet<Page>();

async function labelsApply(page: Page): Promise<boolean> {
  if (await lessonViews(page).isVisible()) notSideBySide.add(page);
  return !notSideBySide.has(page);
}

interface LabelOptions {
  /** The folder holding the lab folders; `labs` unless a test reads a fixture. */
  labsDir?: string;
  /** How long the step's last look waits for the labels still missing (ms). */
  timeout?: number;
}

const stepFile = (labId: string, stepSlug: string, labsDir = 'labs') => `${labsDir}/${labId}/${stepSlug}.mdx`;

function stepLabels(file: string) {
  return screenLabels(readFileSync(file, 'utf8'));
}

/**
 * Every place on the page where a label of the screen may be, as one locator of visible elements:
 * `text` the simulator's visible texts (quick, and most labels are one), else `named` its accessible
 * names and labels and the lesson page's buttons and links.
 */
function onScreen(page: Page, label: string, by: 'text' | 'named'): Locator {
  const where = [portal(page), page.locator('[data-portal-node]')];
  const found =
    by === 'text'
      ? where.flatMap((scope) => [
          scope.getByText(label, { exact: true }),
          // A text of exactly those words beside other content, e.g. a menu item's title above its description.
          scope.locator(`xpath=.//*[text()[normalize-space(.) = ${xpathString(label)}]]`),
        ])
      : [
          ...where.flatMap((scope) => [...LABEL_ROLES.map((role) => scope.getByRole(role, { name: label, exact: true })), scope.getByLabel(label, { exact: true })]),
          page.getByRole('main').getByRole('button', { name: label, exact: true }),
          page.getByRole('main').getByRole('link', { name: label, exact: true }),
        ];
  return found.reduce((all, one) => all.or(one)).filter({ visible: true });
}

/** An XPath string literal of any text (XPath 1.0 has no escapes: quotes are joined with concat). */
const xpathString = (text: string) =>
  !text.includes("'") ? `'${text}'` : !text.includes('"') ? `"${text}"` : `concat(${text.split("'").map((part) => `'${part}'`).join(`, "'", `)})`;

async function look(page: Page, file: string) {
  const byStep = labelsSeen.get(page) ?? new Map<string, Set<string>>();
  labelsSeen.set(page, byStep);
  const seen = byStep.get(file) ?? new Set<string>();
  byStep.set(file, seen);
  // All at once: what a step shows may be short-lived (the activation's countdown, a menu).
  for (const by of ['text', 'named'] as const) {
    const unseen = [...new Set(stepLabels(file).map(({ label }) => label))].filter((label) => !seen.has(label));
    const counts = await Promise.all(unseen.map((label) => onScreen(page, label, by).count()));
    unseen.forEach((label, i) => counts[i]! > 0 && seen.add(label));
  }
  return seen;
}

/**
 * A look at the screen in the middle of a step, where the step's labels are on screen that its end
 * no longer shows (a menu the step opens, a pane's tab it leaves). Records them; never fails.
 */
export async function lookForBoldLabels(page: Page, labId: string, stepSlug: string, { labsDir }: LabelOptions = {}) {
  if (!(await labelsApply(page))) return;
  await look(page, stepFile(labId, stepSlug, labsDir));
}

/**
 * The step's last look, where its "What you should see" holds: every bold label of the step's
 * instructions must be on screen now or have been at an earlier look of the same step. Fails naming
 * the step's file and each missing label with its line.
 */
export async function expectBoldLabelsOnScreen(page: Page, labId: string, stepSlug: string, { labsDir, timeout = 5_000 }: LabelOptions = {}) {
  if (!(await labelsApply(page))) return;
  const file = stepFile(labId, stepSlug, labsDir);
  const missing = async () => {
    const seen = await look(page, file);
    return stepLabels(file)
      .filter(({ label }) => !seen.has(label))
      .map(({ label, line, section }) => `${file}:${line}: **${label}** (${section})`);
  };
  // Waits for what is still rendering, then reports every label still missing, with its line.
  const deadline = Date.now() + timeout;
  let left = await missing();
  while (left.length > 0 && Date.now() < deadline) {
    await page.waitForTimeout(250);
    left = await missing();
  }
  expect(left, `${file}: the step names in bold labels that the simulator does not show at this step`).toEqual([]);
  stepsChecked.set(page, (stepsChecked.get(page) ?? new Set<string>()).add(file));
}

/** Every step of the lab whose text names labels had its last look in this walk. */
export function expectEveryStepChecked(page: Page, labId: string, { labsDir = 'labs' }: LabelOptions = {}) {
  if (notSideBySide.has(page)) return;
  const steps = readdirSync(`${labsDir}/${labId}`)
    .filter((f) => /^\d\d-.+\.mdx$/.test(f) && !f.startsWith('00-'))
    .map((f) => `${labsDir}/${labId}/${f}`)
    .filter((file) => stepLabels(file).length > 0);
  const checked = stepsChecked.get(page);
  expect(steps.filter((file) => !checked?.has(file)), `${labId}: steps whose bold labels the walk did not check`).toEqual([]);
}
