import { durationWords, formatDuration, parseDuration, toInstant } from '../tenant';

// Evidence and messages of a check, as typed parts: text, an instant (ISO 8601, UTC) and a duration
// (ISO 8601). The plain string (ISO/UTC, as reports always wrote it) stays the machine form; the
// parts let each reader word times its own way without parsing sentences: the browser in the
// learner's time zone as the portal shows them, the CLI's text report with the duration in words.

export type EvidencePart = { text: string } | { instant: string } | { duration: string };

/** What a part or a piece of a sentence may be: text, a part, or parts already built. */
export type EvidencePiece = string | number | EvidencePart | readonly EvidencePart[];

/** An instant part, from epoch ms or an ISO 8601 string already written by the tenant. */
export const instant = (at: number | string): EvidencePart => ({ instant: typeof at === 'number' ? toInstant(at) : at });

/** A duration part, from milliseconds or an ISO 8601 duration. */
export const duration = (d: number | string): EvidencePart => ({ duration: typeof d === 'number' ? formatDuration(d) : d });

/** Adjacent text merged, empty text dropped. */
export function evidence(...pieces: readonly EvidencePiece[]): EvidencePart[] {
  const out: EvidencePart[] = [];
  const push = (p: EvidencePart) => {
    const last = out.at(-1);
    if ('text' in p) {
      if (!p.text) return;
      if (last && 'text' in last) out[out.length - 1] = { text: last.text + p.text };
      else out.push(p);
    } else out.push(p);
  };
  for (const piece of pieces) {
    if (typeof piece === 'string' || typeof piece === 'number') push({ text: String(piece) });
    else if (Array.isArray(piece)) (piece as readonly EvidencePart[]).forEach(push);
    else push(piece as EvidencePart);
  }
  return out;
}

/**
 * A sentence as a tagged template: `ev\`at ${instant(ms)} for ${duration(ms)}\``. Interpolated
 * strings are text; parts stay parts.
 */
export function ev(strings: TemplateStringsArray, ...values: readonly EvidencePiece[]): EvidencePart[] {
  const pieces: EvidencePiece[] = [];
  strings.forEach((s, i) => {
    pieces.push(s);
    if (i < values.length) pieces.push(values[i]!);
  });
  return evidence(...pieces);
}

/** Parts joined with a separator between each group (e.g. '; '). */
export function joinEvidence(groups: readonly (readonly EvidencePart[])[], separator: string): EvidencePart[] {
  return evidence(...groups.flatMap((g, i) => (i ? [separator, g] : [g])));
}

/** The machine form: instants and durations in ISO 8601, exactly as the reports have always read. */
export function plainText(parts: readonly EvidencePart[]): string {
  return parts.map((p) => ('text' in p ? p.text : 'instant' in p ? p.instant : p.duration)).join('');
}

/** The durations also in words, "PT1H (1 hour)"; instants stay in UTC (the CLI's text report). */
export function textWithWords(parts: readonly EvidencePart[]): string {
  return parts
    .map((p) => {
      if ('text' in p) return p.text;
      if ('instant' in p) return p.instant;
      const ms = parseDuration(p.duration);
      return ms === null ? p.duration : `${p.duration} (${durationWords(ms)})`;
    })
    .join('');
}
