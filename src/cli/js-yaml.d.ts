// js-yaml 4 ships no types; the CLI needs only load() (the YAML of a step's frontmatter, as Astro reads it).
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
