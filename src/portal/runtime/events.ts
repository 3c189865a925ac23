// The simulator island and the lesson text around it (other islands, plain HTML) talk through DOM
// events on window, so a lesson step can say "switch to demouser" without sharing React state.

export const SWITCH_ACCOUNT_EVENT = 'pim-lab:switch-account';
export const ACCOUNT_CHANGED_EVENT = 'pim-lab:account-changed';

export interface SwitchAccountDetail {
  /** A user id, or a userPrincipalName's name part (e.g. "demouser"). */
  account: string;
}

export interface AccountChangedDetail {
  userId: string;
  displayName: string;
  userPrincipalName: string;
}

export function requestSwitchAccount(account: string) {
  window.dispatchEvent(new CustomEvent<SwitchAccountDetail>(SWITCH_ACCOUNT_EVENT, { detail: { account } }));
}

/** The last account the simulator announced in this tab (for islands that mount later). */
export let currentAccount: AccountChangedDetail | null = null;

export function announceAccount(detail: AccountChangedDetail) {
  currentAccount = detail;
  window.dispatchEvent(new CustomEvent<AccountChangedDetail>(ACCOUNT_CHANGED_EVENT, { detail }));
}

// Time travel: a lesson step asks the simulator to move the tenant clock ahead; the simulator runs
// the core's advanceClock (it stays the only writer of the log) and announces the clock.

export const ADVANCE_CLOCK_EVENT = 'pim-lab:advance-clock';
export const CLOCK_CHANGED_EVENT = 'pim-lab:clock';
export const CLOCK_ADVANCED_EVENT = 'pim-lab:clock-advanced';

export interface AdvanceClockDetail {
  /** An ISO 8601 duration, e.g. PT2H. */
  by: string;
  /** Echoed in the answer, so the asking island knows the outcome is its own. */
  requestId: string;
}

export interface ClockChangedDetail {
  /** The tenant clock, epoch ms. */
  nowMs: number;
}

export type ClockAdvancedDetail = { requestId: string; ok: true; nowMs: number } | { requestId: string; ok: false; message: string };

export function requestAdvanceClock(detail: AdvanceClockDetail) {
  window.dispatchEvent(new CustomEvent<AdvanceClockDetail>(ADVANCE_CLOCK_EVENT, { detail }));
}

/** The last tenant clock the simulator announced in this tab (null: nothing loaded). */
export let currentClock: ClockChangedDetail | null = null;

export function announceClock(detail: ClockChangedDetail | null) {
  currentClock = detail;
  window.dispatchEvent(new CustomEvent<ClockChangedDetail | null>(CLOCK_CHANGED_EVENT, { detail }));
}

export function answerAdvanceClock(detail: ClockAdvancedDetail) {
  window.dispatchEvent(new CustomEvent<ClockAdvancedDetail>(CLOCK_ADVANCED_EVENT, { detail }));
}
