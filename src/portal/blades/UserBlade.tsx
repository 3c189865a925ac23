// Placeholder until this blade is built (issue 3).
export function UserBlade(_props: { userId: string; section: 'overview' | 'assignedRoles' }) {
  return <p>UserBlade</p>;
}
