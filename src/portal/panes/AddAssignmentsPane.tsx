// Placeholder until this blade is built (issue 3).
export function AddAssignmentsPane(_props: Record<string, unknown>) {
  return <p>AddAssignmentsPane</p>;
}
