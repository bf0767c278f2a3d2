export type SectionId =
  | "dashboard"
  | "people"
  | "signing"
  | "agreements"
  | "consent"
  | "accounts"
  | "reports"
  | "settings";

export const SECTIONS: readonly { id: SectionId; label: string }[] = [
  { id: "dashboard", label: "Dashboard" },
  { id: "people", label: "People" },
  { id: "signing", label: "Signing" },
  { id: "agreements", label: "Agreements" },
  { id: "consent", label: "Consent" },
  { id: "accounts", label: "Accounts" },
  { id: "reports", label: "Reports" },
  { id: "settings", label: "Settings" },
];

/** What each section not yet built will hold, shown on its empty page. */
export const COMING: Record<"accounts" | "reports", string[]> = {
  accounts: [
    "Here you will see who is ready for a network or email account, and who is blocked and why, for example because an agreement has not been signed.",
    "Assent will also make the export files for Google Workspace and Microsoft Entra for your IT technician.",
  ],
  reports: [
    "Here you will find registers and letters to print, such as a class list of photo consent before a trip, or a reminder to families who have not yet signed.",
  ],
};
