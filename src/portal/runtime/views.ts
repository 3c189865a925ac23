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
  | {
      name: 'activationStatus';
      requestId: string;
      roleDefinitionId: string;
      /**
       * Wall time of Activate, on a fresh submission: the stages play from it, then the countdown
       * and the refresh. Absent when the Status tab is opened again (View status in Active
       * assignments): the stages show completed, with no second refresh.
       */
      submittedWallMs?: number;
      /** The refresh after the stages has happened: the stages stay on screen, completed, until the pane is closed. */
      refreshed?: boolean;
    }
  | { name: 'deactivate'; assignmentScheduleId: string }
  | { name: 'resetPassword'; userId: string };

export const HOME: View = { name: 'home' };
