import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { screenLabels } from '../../src/labkit/screenLabels';

// The rule the lesson-text check applies (test/e2e/support.ts, expectBoldLabelsOnScreen): bold in
// "What to do" and "What you should see" names what is on the screen; bold elsewhere is free.

const step = (body: string) => `---\ntitle: A step\nstep: 1\n---\n\n${body}`;

describe('screenLabels', () => {
  it('takes the bold text of What to do and What you should see, with its line and section', () => {
    const source = step(`Intro with **free** bold.

## What to do

1. Select **Add assignments**, then **Next >**.
2. Type *privilege* in **Search resources,
   services, and docs**.

## What you should see

- **No results**.

## Why it matters

This is **not** a label.
`);
    expect(screenLabels(source)).toEqual([
      { label: 'Add assignments', line: 10, section: 'What to do' },
      { label: 'Next >', line: 10, section: 'What to do' },
      { label: 'Search resources, services, and docs', line: 11, section: 'What to do' },
      { label: 'No results', line: 16, section: 'What you should see' },
    ]);
  });

  it('leaves out callouts but keeps hints and subsections', () => {
    const source = step(`## What to do

<Callout type="note" title="In a real tenant">

**Users** › **All users** in a real tenant.

</Callout>

<Hint title="stuck?">

Look under **Services**.

</Hint>

### On the Setting tab

Select **Assign**.

## Epilogue

**Free** again.
`);
    expect(screenLabels(source).map((l) => l.label)).toEqual(['Services', 'Assign']);
  });

  it('keeps a bold that mixes code or breaks over lines as one label, whitespace collapsed', () => {
    expect(screenLabels(step('## What to do\n\nSee **Home ›\n  `demouser`**.\n')).map((l) => l.label)).toEqual(['Home › demouser']);
  });

  it('finds labels in every step of every shipped lab, and none in the overviews', () => {
    for (const lab of readdirSync('labs', { withFileTypes: true }).filter((d) => d.isDirectory())) {
      const files = readdirSync(`labs/${lab.name}`).filter((f) => /^\d\d-.+\.mdx$/.test(f));
      for (const file of files) {
        const labels = screenLabels(readFileSync(`labs/${lab.name}/${file}`, 'utf8'));
        // The overview has no simulator beside it; step 8 of the seed lab only explains.
        if (file.startsWith('00-') || file === '08-how-activation-works.mdx') expect(labels, `${lab.name}/${file}`).toEqual([]);
        else expect(labels.length, `${lab.name}/${file}`).toBeGreaterThan(0);
      }
    }
  });
});
