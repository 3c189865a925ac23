// Placeholder until this blade is built (issue 3).
export function CreateUserBlade(_props: Record<string, unknown>) {
  return <p>CreateUserBlade</p>;
}
