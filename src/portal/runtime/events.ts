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
