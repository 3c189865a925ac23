import type { LabManifestInput } from '../grader';

// `pim-lab new <lab-id>`: the files of a lab that already works (it passes `pim-lab validate`: its
// solution reaches the full score), for the author to reshape. Pure: the CLI writes the files.

export const LAB_ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** "helpdesk-reset" → "Helpdesk reset". */
const titleOf = (id: string) => {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export function scaffoldLab(labId: string): Record<string, string> {
  if (!LAB_ID_PATTERN.test(labId)) throw new Error(`'${labId}' is not a lab id: use lowercase letters, digits and hyphens, e.g. helpdesk-password-reset`);
  const domain = 'contoso.onmicrosoft.com';
  const admin = `admin@${domain}`;
  const learner = `alex@${domain}`;
  const manifest: LabManifestInput = {
    $schema: '../lab.schema.json',
    id: labId,
    title: titleOf(labId),
    summary: 'Make Alex eligible for the Helpdesk Administrator role, so that Alex can take it just in time instead of holding it all the time.',
    level: 'Beginner',
    minutes: 10,
    objectives: ['Make a user eligible for a Microsoft Entra role with Privileged Identity Management.'],
    startingTenant: {
      displayName: 'Contoso',
      domains: [domain],
      users: [
        { id: 'u-admin', userPrincipalName: admin, displayName: 'Main Account', mailNickname: 'admin' },
        { id: 'u-alex', userPrincipalName: learner, displayName: 'Alex Wilber', mailNickname: 'alex' },
      ],
      roleAssignments: [{ principalId: admin, role: 'Global Administrator', assignmentType: 'active' }],
      startAt: '2025-01-06T09:00:00Z',
    },
    checks: [
      {
        id: 'alex-eligible-helpdesk-admin',
        title: 'Alex is eligible for Helpdesk Administrator, through PIM',
        points: 100,
        primitive: 'eligibleAssignment',
        params: { principal: learner, role: 'Helpdesk Administrator' },
        message: "Alex does not hold an eligible Helpdesk Administrator assignment. As the main account, open Alex's Assigned roles, select Add assignments, choose Helpdesk Administrator and keep the assignment type Eligible.",
        step: '01-make-alex-eligible',
        detail: 'At the end of the attempt Alex has a role eligibility schedule for Helpdesk Administrator at directory scope "/", in force, made by an adminAssign roleEligibilityScheduleRequest during the attempt.',
      },
    ],
    solution: [
      { actor: admin, after: 'PT1M', command: { type: 'signIn' } },
      {
        actor: admin,
        after: 'PT2M',
        command: {
          type: 'roleEligibilityScheduleRequest',
          action: 'adminAssign',
          id: 'solution-eligible',
          principalId: learner,
          roleDefinitionId: 'Helpdesk Administrator',
          directoryScopeId: '/',
          justification: null,
          scheduleInfo: { startDateTime: null, expiration: { type: 'noExpiration', endDateTime: null, duration: null } },
          ticketInfo: null,
        },
      },
    ],
  };
  return {
    'lab.json': `${JSON.stringify(manifest, null, 2)}\n`,
    '00-overview.mdx': `---
title: Overview
step: 0
---

## What you will do

Alex needs to help users with their passwords now and then. Instead of a standing role, you will
make Alex **eligible** for **Helpdesk Administrator** with Privileged Identity Management.

The lab's title, summary, level, time, objectives, starting tenant, checks and solution are in
\`lab.json\`, next to this file. See the authoring guide (/authoring/).
`,
    '01-make-alex-eligible.mdx': `---
title: Make Alex eligible for Helpdesk Administrator
step: 1
account: admin
summary: As the main account, assign Helpdesk Administrator to Alex as an eligible role.
checks: [alex-eligible-helpdesk-admin]
---

## What to do

1. In the simulator's left menu select **Users**, then **Alex Wilber**, then **Assigned roles**.
2. Select **Add assignments**, choose **Helpdesk Administrator** and select **Next**.
3. Leave **Assignment type** on **Eligible** and select **Assign**.
`,
  };
}
