// Placeholder until this blade is built (issue 3).
export function PimQuickStartBlade(_props: Record<string, unknown>) {
  return <p>PimQuickStartBlade</p>;
}
