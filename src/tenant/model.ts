import type { SnapshotFrom } from 'xstate';
import type { RoleDefinition } from './catalog/roles';
import type { RoleManagementPolicy } from './policy';
import type { PasswordSummary } from './schemas/password';
import type { RequestSchedule, TicketInfo } from './schemas/scheduleInfo';
import type { activationMachine } from './machines/activation';
import type { assignmentLifecycleMachine } from './machines/assignmentLifecycle';
import type { DueTime, LiveLine } from './scheduleIndex';

// The tenant's objects, named and shaped after Microsoft Graph v1.0 (user, unifiedRoleDefinition,
// unifiedRoleEligibilitySchedule, unifiedRoleAssignmentSchedule, unifiedRoleScheduleRequest,
// directoryAudit). Fields Graph lacks but a rule needs are marked as the simulator's own.

export interface User {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mailNickname: string;
  accountEnabled: boolean;
  createdDateTime: string;
  userType: 'Member';
  /** The simulator keeps only what the lab needs to know of a password: that it is set, and its shape. */
  passwordProfile: { forceChangePasswordNextSignIn: boolean; password: PasswordSummary | null; lastChangedDateTime: string | null };
}

export type RequestAction = 'adminAssign' | 'adminRemove' | 'selfActivate' | 'selfDeactivate';

/** Graph request status values (unifiedRoleScheduleRequest.status). */
export type RequestStatus =
  | 'Canceled' | 'Denied' | 'Failed' | 'Granted' | 'PendingAdminDecision' | 'PendingApproval'
  | 'PendingProvisioning' | 'PendingScheduleCreation' | 'Provisioned' | 'Revoked' | 'ScheduleCreated';

export interface ScheduleRequest {
  id: string;
  /** roleEligibilityScheduleRequest or roleAssignmentScheduleRequest. */
  kind: 'eligibility' | 'assignment';
  action: RequestAction;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  appScopeId: null;
  justification: string | null;
  scheduleInfo: RequestSchedule | null;
  ticketInfo: TicketInfo | null;
  isValidationOnly: false;
  targetScheduleId: string | null;
  status: RequestStatus;
  approvalId: string | null;
  createdBy: { user: { id: string } };
  createdDateTime: string;
  completedDateTime: string | null;
}

export type LifecycleSnapshot = SnapshotFrom<typeof assignmentLifecycleMachine>;
export type ActivationSnapshot = SnapshotFrom<typeof activationMachine>;

interface ScheduleBase {
  id: string;
  principalId: string;
  roleDefinitionId: string;
  directoryScopeId: string;
  appScopeId: null;
  memberType: 'Direct' | 'Group' | 'Inherited';
  scheduleInfo: { startDateTime: string; expiration: { type: 'noExpiration' | 'afterDateTime'; endDateTime: string | null; duration: null } };
  createdUsing: string;
  createdDateTime: string;
  modifiedDateTime: string;
  /** Simulator's own: the window in epoch ms (end null = permanent) and when it ended early. */
  startMs: number;
  endMs: number | null;
  endedMs: number | null;
  endReason: 'removed' | 'deactivated' | 'expired' | null;
}

export interface RoleEligibilitySchedule extends ScheduleBase {
  kind: 'eligibility';
  status: RequestStatus;
  lifecycle: LifecycleSnapshot;
}

export interface RoleAssignmentSchedule extends ScheduleBase {
  kind: 'assignment';
  status: RequestStatus;
  assignmentType: 'Assigned' | 'Activated';
  /** For Activated: the eligibility schedule that was activated. */
  activatedUsing: string | null;
  /** Assigned schedules follow the assignment lifecycle; Activated ones the activation machine. */
  lifecycle: LifecycleSnapshot | ActivationSnapshot;
}

export type RoleSchedule = RoleEligibilitySchedule | RoleAssignmentSchedule;

export interface DirectoryAudit {
  id: string;
  activityDateTime: string;
  activityDisplayName: string;
  category: 'RoleManagement' | 'UserManagement' | 'Policy';
  correlationId: string;
  initiatedBy: { user: { id: string; displayName: string; userPrincipalName: string } | null; app: { displayName: string } | null };
  loggedByService: 'PIM' | 'Core Directory' | 'Self-service Password Management';
  operationType: 'Add' | 'Remove' | 'Update' | 'Assign' | 'Unassign';
  result: 'success' | 'failure';
  resultReason: string;
  targetResources: { id: string; displayName: string; type: 'User' | 'Role' | 'Other'; userPrincipalName?: string }[];
  additionalDetails: { key: string; value: string }[];
}

export interface SignInSession {
  userId: string;
  signedInMs: number;
  mfaCompletedMs: number | null;
}

export interface Organization {
  id: string;
  displayName: string;
  verifiedDomains: { name: string; isDefault: boolean }[];
  seedId: string;
}

/**
 * The whole tenant at one moment: a fold of the log. Collections are Maps keyed by id; records are
 * never mutated once stored (a change stores a new record), so a copy of the Maps is a snapshot.
 */
export interface TenantState {
  organization: Organization;
  /** The tenant clock: the time of the last accepted command. */
  nowMs: number;
  /** Number of log entries folded in. */
  version: number;
  users: Map<string, User>;
  roleDefinitions: ReadonlyMap<string, RoleDefinition>;
  /** Policies that differ from the defaults, by role definition id. */
  policies: Map<string, RoleManagementPolicy>;
  requests: Map<string, ScheduleRequest>;
  schedules: Map<string, RoleSchedule>;
  /** Index: schedule ids per principal, in creation order (see scheduleIndex.ts for what the rules use). */
  scheduleIdsByPrincipal: Map<string, string[]>;
  /** Index: the live schedules per principal, then per line, role and scope (`lineKey`), sorted by start. */
  liveSchedules: Map<string, Map<string, LiveLine>>;
  /** Index: ids of the live schedules per role definition. */
  liveIdsByRole: Map<string, Set<string>>;
  /** Index: user id per lower-cased userPrincipalName. */
  userIdsByPrincipalName: Map<string, string>;
  /**
   * Schedules that time alone will still change (a start or an end ahead): the due time of each, and
   * a min-heap of due times that may hold superseded entries (those not equal to `dueMsById`).
   */
  dueMsById: Map<string, number>;
  dueTimes: DueTime[];
  sessions: Map<string, SignInSession>;
  audits: DirectoryAudit[];
}
