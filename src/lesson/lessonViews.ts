// What a lesson page shows, and how wide the instructions are beside the simulator.
//
// From 80rem the instructions and the simulator stand side by side. Below it the learner chooses in
// the bar above them: Instructions, Side by side (from 48rem) or Simulator; on a phone one of the two
// at a time, each keeping its own scroll position. The choice lasts for the browser tab
// (sessionStorage), the width of the instructions for the browser (localStorage): a learner who
// narrowed them keeps that on every step and every lab. The CSS (lesson.css) does the layout from
// the grid's data-view and --lesson-width; this only keeps them and the bar's pressed states.

export type LessonView = 'instructions' | 'split' | 'simulator';

const VIEW_KEY = 'pim-lab:lesson-view';
const WIDTH_KEY = 'pim-lab:lesson-width';
/** The instructions' share of the width, in percent, beside the simulator. */
export const WIDTH = { min: 25, max: 60, initial: 30, step: 5 } as const;

const isView = (v: unknown): v is LessonView => v === 'instructions' || v === 'split' || v === 'simulator';

function read(storage: () => Storage, key: string): string | null {
  try {
    return storage().getItem(key);
  } catch {
    return null; // storage blocked (privacy settings): the defaults serve
  }
}

function write(storage: () => Storage, key: string, value: string): void {
  try {
    storage().setItem(key, value);
  } catch {
    // not kept, but the page still works
  }
}

/** A width in percent, rounded and brought within the bounds. */
export function clampWidth(value: number): number {
  return Math.min(WIDTH.max, Math.max(WIDTH.min, Math.round(value)));
}

/** On a phone "Side by side" is not offered: the instructions show instead. */
export function shownView(choice: LessonView, phone: boolean): LessonView {
  return phone && choice === 'split' ? 'instructions' : choice;
}

/** Ends the listeners of the page before: the grid outlives a step change (see Router.astro). */
let previousPage: AbortController | null = null;

export function initLessonViews(): void {
  previousPage?.abort();
  const page = (previousPage = new AbortController());
  const grid = document.querySelector<HTMLElement>('.lesson-grid');
  const bar = document.querySelector<HTMLElement>('.lesson-views');
  if (!grid || !bar) return;
  const phone = window.matchMedia('(max-width: 47.99rem)');
  const buttons = [...bar.querySelectorAll<HTMLButtonElement>('button[data-view]')];
  // Where the page was scrolled to in each view (a phone shows one view at a time).
  const scrolled = new Map<LessonView, number>();

  const stored = read(() => sessionStorage, VIEW_KEY);
  let choice: LessonView = isView(stored) ? stored : 'split';

  const render = () => {
    const view = shownView(choice, phone.matches);
    grid.dataset.view = view;
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.view === view));
  };

  const choose = (next: LessonView) => {
    const before = shownView(choice, phone.matches);
    const after = shownView(next, phone.matches);
    scrolled.set(before, window.scrollY);
    choice = next;
    write(() => sessionStorage, VIEW_KEY, next);
    render();
    if (before === after) return;
    // Back where the learner left this view; the simulator, the first time, right under the bar.
    const simulator = document.getElementById('simulator');
    const top = scrolled.get(after) ?? (after === 'simulator' && simulator ? simulator.getBoundingClientRect().top + window.scrollY - bar.offsetHeight : 0);
    window.scrollTo({ top: Math.max(0, top), behavior: 'instant' });
  };

  for (const b of buttons) b.addEventListener('click', () => isView(b.dataset.view) && choose(b.dataset.view));
  phone.addEventListener('change', render, { signal: page.signal });
  render();

  // ---------- the divider between the instructions and the simulator ----------
  const divider = grid.querySelector<HTMLElement>('.lesson-divider');
  if (!divider) return;
  const storedWidth = Number(read(() => localStorage, WIDTH_KEY));
  let width: number = Number.isFinite(storedWidth) && storedWidth > 0 ? clampWidth(storedWidth) : WIDTH.initial;

  const setWidth = (next: number, keep: boolean) => {
    width = clampWidth(next);
    grid.style.setProperty('--lesson-width', `${width}%`);
    divider.setAttribute('aria-valuenow', String(width));
    divider.setAttribute('aria-valuetext', `${width}%`);
    if (keep) write(() => localStorage, WIDTH_KEY, String(width));
  };
  setWidth(width, false);

  divider.addEventListener('keydown', (e) => {
    const by: Record<string, number> = { ArrowLeft: -WIDTH.step, ArrowDown: -WIDTH.step, ArrowRight: WIDTH.step, ArrowUp: WIDTH.step };
    if (e.key in by) setWidth(width + by[e.key]!, true);
    else if (e.key === 'Home') setWidth(WIDTH.min, true);
    else if (e.key === 'End') setWidth(WIDTH.max, true);
    else return;
    e.preventDefault();
  });

  divider.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    e.preventDefault();
    divider.setPointerCapture(e.pointerId);
    grid.classList.add('is-resizing');
    const box = grid.getBoundingClientRect();
    const move = (m: PointerEvent) => setWidth(((m.clientX - box.left) / box.width) * 100, false);
    const up = () => {
      divider.removeEventListener('pointermove', move);
      divider.removeEventListener('pointerup', up);
      divider.removeEventListener('pointercancel', up);
      grid.classList.remove('is-resizing');
      setWidth(width, true);
    };
    divider.addEventListener('pointermove', move);
    divider.addEventListener('pointerup', up);
    divider.addEventListener('pointercancel', up);
  });
}
