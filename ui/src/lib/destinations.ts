// Where a link on one page takes the user: a section, and what to show there
// first (a class's list of who is missing, a panel of the settings…). The shell
// follows it; each page reads only its own part.

export type Destination =
  /** The Signing page on a class ("class:Oak") or group ("kind:staff"), maybe only those still to sign. */
  | { section: "signing"; group: string; stillToSign: boolean }
  /** The Consent page on a class ("" for every class), maybe only pupils without an answer. */
  | { section: "consent"; className: string; noAnswer: boolean }
  /** The People section, straight into the import wizard. */
  | { section: "people"; view: "import" }
  /** The Settings page, scrolled to the panel whose heading has this id. */
  | { section: "settings"; panel: string }
  /** The Accounts section's settings. */
  | { section: "accounts"; view: "settings" }
  /** The agreement templates. */
  | { section: "agreements" };

/** The value of the Signing page's class-or-group choice for a class, or for every pupil. */
export function signingGroupFor(className: string | null): string {
  return className === null ? "kind:pupil" : `class:${className}`;
}
