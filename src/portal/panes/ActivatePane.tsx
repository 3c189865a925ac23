// Placeholder until this blade is built (issue 3).
export function ActivatePane(_props: Record<string, unknown>) {
  return <p>ActivatePane</p>;
}
