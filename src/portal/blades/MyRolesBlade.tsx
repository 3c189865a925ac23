// Placeholder until this blade is built (issue 3).
export function MyRolesBlade(_props: { tab: 'eligible' | 'active' | 'expired' }) {
  return <p>MyRolesBlade</p>;
}
