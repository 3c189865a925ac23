// Placeholder until this blade is built (issue 3).
export function ActivationStatusPane(_props: Record<string, unknown>) {
  return <p>ActivationStatusPane</p>;
}
