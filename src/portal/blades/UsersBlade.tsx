// Placeholder until this blade is built (issue 3).
export function UsersBlade(_props: Record<string, unknown>) {
  return <p>UsersBlade</p>;
}
