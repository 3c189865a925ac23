// Placeholder until this blade is built (issue 3).
export function DeactivatePane(_props: Record<string, unknown>) {
  return <p>DeactivatePane</p>;
}
