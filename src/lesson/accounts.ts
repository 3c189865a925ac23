import { SEEDS } from '../tenant/seeds';

// The account a lesson step expects or offers, resolved at build time in the lab's tenant seed: by
// mail nickname ("helpdesk"), by sign-in name ("helpdesk@contoso.onmicrosoft.com") or by the sign-in
// name's part before the @. A full sign-in name in one of the seed's domains is accepted even when
// the seed has no such user, for accounts the learner creates during the lab.

export interface StepAccount {
  /** The sign-in name the simulator switches to, e.g. demouser@mydirectory.onmicrosoft.com. */
  upn: string;
  /** How the lesson names it: "the main account" for the seed's first user, else its display name. */
  label: string;
}

export function resolveStepAccount(seedId: string, wanted: string): StepAccount | string {
  const seed = SEEDS[seedId];
  if (!seed) return `there is no tenant seed '${seedId}'.`;
  const w = wanted.trim().toLowerCase();
  const nickname = (u: (typeof seed.users)[number]) => (u.mailNickname ?? u.userPrincipalName.split('@')[0]!).toLowerCase();
  const index = seed.users.findIndex((u) => u.userPrincipalName.toLowerCase() === w || nickname(u) === w || u.userPrincipalName.split('@')[0]!.toLowerCase() === w);
  if (index >= 0) {
    const user = seed.users[index]!;
    return { upn: user.userPrincipalName, label: index === 0 ? 'the main account' : user.displayName };
  }
  const at = w.indexOf('@');
  if (at > 0 && seed.domains.some((d) => d.toLowerCase() === w.slice(at + 1)))
    return { upn: wanted.trim(), label: wanted.trim().slice(0, at) };
  const known = seed.users.map(nickname).join(', ');
  return `there is no account '${wanted}' in tenant seed '${seedId}' (its users: ${known}; or give a full sign-in name in ${seed.domains.join(', ')}).`;
}
