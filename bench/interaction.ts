import type { Locator } from 'playwright-core';
import { servePreview } from './preview';

// Interaction latency over the seed lab's walk (issue 10), in Chromium at 1280×720: the Event Timing
// API's duration of every interaction (input delay, handlers, and the next paint), grouped by what
// the learner did (opening each pane, choosing a role, Assign, Activate, switching account…), and
// the time from a click on Next to the next step's page being swapped in and painted with the
// simulator kept alive. Budgets: ≤ 100 ms an interaction, ≤ 250 ms a step change.

export interface InteractionFigures {
  /** What the learner did → the longest Event Timing duration of its interactions (ms). */
  interactions: { action: string; ms: number }[];
  /** Click on Next → the next step painted (ms), one per step change. */
  stepChanges: { to: string; ms: number }[];
}

const LAB = '/labs/pim-eligible-role/';

declare global {
  interface Window {
    __pimLabBench: { events: { start: number; duration: number; interactionId: number }[]; steps: number[]; clickAt: number | null };
  }
}

/** Installed before any page script: collects Event Timing entries and step-change times. */
function instrument() {
  const bench = (window.__pimLabBench = { events: [], steps: [], clickAt: null } as Window['__pimLabBench']);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as PerformanceEventTiming[]) if (e.interactionId) bench.events.push({ start: e.startTime, duration: e.duration, interactionId: e.interactionId });
  }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
  document.addEventListener(
    'click',
    (e) => {
      if ((e.target as Element | null)?.closest?.('.pager-link')) bench.clickAt = performance.now();
    },
    true,
  );
  // The client router fires astro:page-load once the new page is swapped in; two frames later it has been painted.
  document.addEventListener('astro:page-load', () => {
    const from = bench.clickAt;
    if (from === null) return;
    bench.clickAt = null;
    requestAnimationFrame(() => requestAnimationFrame(() => bench.steps.push(performance.now() - from)));
  });
}

export async function interactionFigures(chromePath: string, port: number): Promise<InteractionFigures> {
  const { chromium } = await import('playwright-core');
  const preview = await servePreview(port);
  const browser = await chromium.launch({ executablePath: chromePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript(instrument);
    const interactions: InteractionFigures['interactions'] = [];
    const stepChanges: InteractionFigures['stepChanges'] = [];
    const sim = page.getByRole('region', { name: 'Simulated Microsoft Entra admin center' });

    // One thing the learner does: the longest interaction it caused, once its entries are in.
    const act = async (action: string, fn: () => Promise<unknown>) => {
      const from = await page.evaluate(() => performance.now());
      await fn();
      await page.waitForTimeout(250);
      const ms = await page.evaluate((from) => Math.max(0, ...window.__pimLabBench.events.filter((e) => e.start >= from).map((e) => e.duration)), from);
      interactions.push({ action, ms });
    };
    const next = async (slug: string) => {
      const before = await page.evaluate(() => window.__pimLabBench.steps.length);
      await act(`Next to ${slug}`, () => page.getByRole('navigation', { name: 'Previous and next step' }).getByRole('link', { name: /^Next/ }).click());
      await page.waitForURL(`**${LAB}${slug}/`);
      await page.waitForFunction((n) => window.__pimLabBench.steps.length > n, before);
      stepChanges.push({ to: slug, ms: await page.evaluate(() => window.__pimLabBench.steps.at(-1)!) });
    };
    const click = (action: string, target: Locator) => act(action, () => target.click());
    const nav = (name: string) => click(`open ${name}`, sim.getByRole('navigation', { name: 'Portal navigation' }).getByRole('button', { name, exact: true }));

    await page.goto(`${preview.origin}${LAB}04-open-add-assignments/?mode=test`);
    await sim.getByRole('navigation', { name: 'Portal navigation' }).waitFor();
    await nav('Users');
    await click('open demouser', sim.getByRole('table', { name: 'All users' }).getByRole('button', { name: 'demouser', exact: true }));
    await click('open Assigned roles', sim.getByRole('navigation', { name: 'User' }).getByRole('button', { name: 'Assigned roles' }));
    await click('open the Add assignments pane', sim.getByRole('button', { name: 'Add assignments' }));
    const add = page.getByRole('dialog', { name: 'Add assignments' });
    await add.getByRole('combobox', { name: 'Select role' }).waitFor();
    await next('05-select-user-administrator');
    await act('type in Select role', () => add.getByRole('combobox', { name: 'Select role' }).pressSequentially('User Adm', { delay: 60 }));
    await click('choose User Administrator', page.getByRole('option', { name: 'User Administrator', exact: true }));
    await click('Next > (Setting)', add.getByRole('button', { name: 'Next' }));
    await next('06-assign-as-eligible');
    await click('Assign', add.getByRole('button', { name: 'Assign' }));
    await add.waitFor({ state: 'hidden' });
    await next('07-check-the-eligible-assignment');
    await click('open Eligible assignments', sim.getByRole('tab', { name: 'Eligible assignments' }));
    await click('open Active assignments', sim.getByRole('tab', { name: 'Active assignments' }));
    await next('08-how-activation-works');
    await next('09-view-roles-as-demouser');
    await click('switch account (Switch to demouser)', page.getByRole('main').getByRole('button', { name: 'Switch to demouser' }));
    await sim.getByRole('button', { name: /^demouser@/ }).waitFor();
    await next('10-open-my-roles');
    await nav('Privileged Identity Management');
    await click('open My roles', sim.getByRole('link', { name: 'My roles' }));
    await next('11-find-the-eligible-role');
    await click('open the Activate pane', sim.getByRole('table', { name: 'Eligible assignments' }).getByRole('button', { name: 'Activate' }));
    const activate = page.getByRole('dialog', { name: 'Activate - User Administrator' });
    await next('12-activate-the-role');
    await click('open the MFA prompt', activate.getByRole('button', { name: 'Click to continue' }));
    await click('Approve', page.getByRole('dialog', { name: 'Approve sign-in request' }).getByRole('button', { name: 'Approve' }));
    await act('type a Reason', () => activate.getByRole('textbox', { name: 'Reason (max 500 characters)' }).pressSequentially('New hire', { delay: 60 }));
    await click('Activate', activate.getByRole('button', { name: 'Activate', exact: true }));
    await activate.getByText('Activation completed successfully.').waitFor({ timeout: 20_000 });
    await next('13-watch-the-activation');
    await activate.waitFor({ state: 'hidden', timeout: 20_000 });
    await next('14-create-a-user-as-demouser');
    await nav('Users');
    await click('open New user', sim.getByRole('button', { name: 'New user' }));
    await click('open Create new user', page.getByRole('menuitem', { name: /^Create new user/ }));
    await act('type a user principal name', () => sim.getByRole('textbox', { name: 'User principal name' }).pressSequentially('newhire', { delay: 60 }));
    await act('type a display name', () => sim.getByRole('textbox', { name: 'Display name' }).pressSequentially('New Hire', { delay: 60 }));
    await click('Review + create', sim.getByRole('button', { name: 'Review + create' }));
    await click('Create', sim.getByRole('button', { name: 'Create', exact: true }));
    await sim.getByRole('table', { name: 'All users' }).getByRole('button', { name: 'New Hire' }).waitFor();
    return { interactions, stepChanges };
  } finally {
    await browser.close();
    await preview.close();
  }
}

/** The worst figure of a list, with what it was. */
export function worst<T extends { ms: number }>(xs: readonly T[]): T | undefined {
  return xs.reduce<T | undefined>((w, x) => (w === undefined || x.ms > w.ms ? x : w), undefined);
}


// `npx tsx bench/interaction.ts [runs]` (after `npm run build`): the walk alone, `runs` times
// (default 3), each figure's median across runs, as timings on a busy machine vary from run to run.
if (process.argv[1] && (await import('node:path')).resolve(process.argv[1]) === import.meta.filename) {
  const { findChromium } = await import('../scripts/find-chromium.mjs');
  const chrome = findChromium();
  if (!chrome) throw new Error('no Chromium: see scripts/find-chromium.mjs');
  const port = (Number(process.env.BENCH_PORT) || 4420) + 1;
  const runs = Number(process.argv[2]) || 3;
  const all: InteractionFigures[] = [];
  for (let i = 0; i < runs; i++) {
    const f = await interactionFigures(chrome, port);
    all.push(f);
    const wi = worst(f.interactions)!;
    const ws = worst(f.stepChanges)!;
    console.log(`run ${i + 1}: worst interaction ${wi.action} ${wi.ms} ms; worst step change ${ws.to} ${ws.ms.toFixed(0)} ms`);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  console.log(`medians of ${runs} runs (ms):`);
  all[0]!.interactions.forEach((x, i) => console.log(`  ${x.action.padEnd(45)} ${String(med(all.map((f) => f.interactions[i]!.ms))).padStart(5)}`));
  all[0]!.stepChanges.forEach((x, i) => console.log(`  step change to ${x.to.padEnd(30)} ${med(all.map((f) => f.stepChanges[i]!.ms)).toFixed(0).padStart(5)}`));
  console.log(`  worst interaction (median of the runs' worst): ${med(all.map((f) => worst(f.interactions)!.ms))}`);
  console.log(`  worst step change (median of the runs' worst): ${med(all.map((f) => worst(f.stepChanges)!.ms)).toFixed(0)}`);
}
