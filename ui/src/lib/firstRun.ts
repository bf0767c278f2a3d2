// The set-up checklist in words: what each step is, what "done" means, and
// where its link goes for the signed-in role.
import type { Checklist, ChecklistStep, Role, SetupStep } from "./bindings";
import type { Destination } from "./destinations";
import { can } from "./permissions";

type Wording = { title: string; todo: string; done: string; link: string };

const WORDING: Record<SetupStep, Wording> = {
  school_details: {
    title: "School details",
    todo: "Check the school's name as letters and login slips print it.",
    done: "The school's name is set. Letters and login slips print it as it is shown in Settings.",
    link: "Check the school's name",
  },
  staff: {
    title: "Staff",
    todo: "Add a user for each member of staff who signs in (office, teachers, IT), or import your staff list.",
    done: "There are staff in Assent.",
    link: "Add staff",
  },
  import: {
    title: "Pupils and families",
    todo: "Import your pupils, then their parents and carers, from your MIS.",
    done: "A file from your MIS has been imported.",
    link: "Import from your MIS",
  },
  templates: {
    title: "Agreements",
    todo: "Read each agreement and publish your own version, or keep Assent's text as it is.",
    done: "Every agreement has been read and made the school's own.",
    link: "Review the agreements",
  },
  account_settings: {
    title: "Account settings",
    todo: "Set the email domain and username pattern for the groups that get IT accounts.",
    done: "An email domain is set, so accounts can be exported.",
    link: "Open the account settings",
  },
  backups: {
    title: "Backups",
    todo: "Choose a folder, ideally on another drive, for a backup each time Assent closes.",
    done: "Assent backs up to the folder chosen each time it closes.",
    link: "Choose the backup folder",
  },
};

export function stepTitle(step: SetupStep): string {
  return WORDING[step].title;
}

/** What the step asks, or (when done) what the records show; with "3 of 5 done" for the agreements. */
export function stepText(s: ChecklistStep): string {
  const words = WORDING[s.step];
  if (s.done) return words.done;
  const parts = s.parts !== null && s.parts_done !== null ? ` ${s.parts_done} of ${s.parts} done so far.` : "";
  return `${words.todo}${parts}`;
}

export function stepLink(step: SetupStep): string {
  return WORDING[step].link;
}

/** Where a step's link goes: for staff, the users panel if the role adds users, else the staff import. */
export function stepDestination(step: SetupStep, role: Role): Destination {
  switch (step) {
    case "school_details":
      return { section: "settings", panel: "computer-heading" };
    case "staff":
      return can(role, "manage_users") ? { section: "settings", panel: "users-heading" } : { section: "people", view: "import" };
    case "import":
      return { section: "people", view: "import" };
    case "templates":
      return { section: "agreements" };
    case "account_settings":
      return { section: "accounts", view: "settings" };
    case "backups":
      return { section: "settings", panel: "backups-heading" };
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}

export function doneCount(c: Checklist): number {
  return c.steps.filter((s) => s.done).length;
}

/** Whether the list is shown open: not put away, and something still to do. */
export function showOpen(c: Checklist): boolean {
  return !c.dismissed && doneCount(c) < c.steps.length;
}
