import { mdxToMdast } from 'satteri';

// The words a lesson step promises the learner will find on the screen. In a step's "What to do"
// and "What you should see" sections, **bold** is reserved for what the simulator (or the lesson
// page's own controls) shows, exactly as it shows it: a button, tab, link, menu item, column,
// field, heading, option or a piece of text such as No results. Emphasis and values the learner
// types are in *italics*. Other sections ("Why it matters", the overview) and <Callout> asides,
// which often describe a real tenant, may use bold freely. The end-to-end walks of every lab
// (test/e2e/support.ts, expectBoldLabelsOnScreen) check each label against the simulator at
// that step. Not part of the kit's index: it parses with satteri, the MDX parser Astro builds the
// pages with, which the CLI's bundle does not need.

/** The sections whose bold text names what is on the screen. */
export const SCREEN_SECTIONS = ['What to do', 'What you should see'] as const;

/** Asides whose bold text is free: a callout is often about a real tenant, not the simulator. */
const FREE_ELEMENTS = new Set(['Callout']);

export interface ScreenLabel {
  /** The bold text, whitespace collapsed. */
  label: string;
  /** 1-based line of the bold text in the MDX file. */
  line: number;
  /** The section it is in. */
  section: (typeof SCREEN_SECTIONS)[number];
}

interface Node {
  type: string;
  value?: string;
  depth?: number;
  name?: string | null;
  children?: Node[];
  position?: { start: { line: number } };
}

const text = (node: Node): string => (node.value ?? '') + (node.children ?? []).map(text).join('');

/** The bold labels of a step's MDX source, in order, each with its line and section. */
export function screenLabels(source: string): ScreenLabel[] {
  const root = mdxToMdast(source) as Node;
  const labels: ScreenLabel[] = [];
  let section: ScreenLabel['section'] | null = null;

  const visit = (node: Node) => {
    if (node.type === 'strong') {
      const label = text(node).replace(/\s+/g, ' ').trim();
      if (section && label) labels.push({ label, line: node.position?.start.line ?? 0, section });
      return;
    }
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name && FREE_ELEMENTS.has(node.name)) return;
    node.children?.forEach(visit);
  };

  for (const node of root.children ?? []) {
    // A level-2 heading opens a section; deeper headings stay inside it.
    if (node.type === 'heading' && node.depth !== undefined && node.depth <= 2) {
      const title = text(node).trim();
      section = (SCREEN_SECTIONS as readonly string[]).includes(title) ? (title as ScreenLabel['section']) : null;
      continue;
    }
    visit(node);
  }
  return labels;
}
