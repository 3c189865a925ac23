// Where the learner is in the portal look-alike: one blade (page) and at most one pane (the
// right-hand flyout). Kept per browser tab, so a reload returns to the same screen.

export type MyRolesTab = 'eligible' | 'active' | 'expired';
export type AssignmentsTab = 'eligible' | 'active' | 'expired';

export type View =
  | { name: 'home' }
  | { name: 'users' }
  | { name: 'userAuditLogs' }
  | { name: 'createUser' }
  | { name: 'user'; userId: string; section: 'overview' | 'assignedRoles'; tab?: AssignmentsTab }
  | { name: 'pimQuickStart' }
  | { name: 'myRoles'; tab: MyRolesTab }
  /** A left-menu item of the admin center that the labs do not use: a page that says so. */
  | { name: 'notInLab'; item: string };

export type Pane =
  | { name: 'addAssignments'; principalId: string }
  | { name: 'activate'; eligibilityScheduleId: string }
  | { name: 'activationStatus'; requestId: string; roleDefinitionId: string; submittedWallMs: number }
  | { name: 'deactivate'; assignmentScheduleId: string }
  | { name: 'resetPassword'; userId: string };

export const HOME: View = { name: 'home' };
