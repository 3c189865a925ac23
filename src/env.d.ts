declare namespace App {
  interface Locals {
    /** Set by a lab step page for the components its MDX renders (e.g. <ExpectAccount>). */
    labSeedId?: string;
    /** Set by a lab step page for <CheckBadge>: the lab whose checks it shows. */
    labId?: string;
  }
}
