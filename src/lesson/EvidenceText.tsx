import type { EvidencePart } from '../grader/evidence';
import { portalDateTime } from '../portal/shell/format';
import { durationWords, parseDuration, parseInstant } from '../tenant/time';

// A check's message or evidence in the portal's words: instants in the learner's time zone exactly
// as the portal shows them ("12/2/2026, 7:56:46 AM"), durations in words ("2 hours 30 minutes").
// The grader hands over typed parts, so nothing here reads its sentences.

export default function EvidenceText({ parts }: { parts: readonly EvidencePart[] }) {
  return (
    <>
      {parts.map((p, i) => {
        if ('text' in p) return p.text;
        if ('instant' in p) {
          const ms = parseInstant(p.instant);
          return ms === null ? p.instant : <time key={i} dateTime={p.instant}>{portalDateTime(ms)}</time>;
        }
        const ms = parseDuration(p.duration);
        return ms === null ? p.duration : <time key={i} dateTime={p.duration}>{durationWords(ms)}</time>;
      })}
    </>
  );
}
