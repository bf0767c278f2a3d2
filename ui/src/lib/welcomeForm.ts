// The checks the Welcome page makes before asking the core, and where the
// core's answer belongs on the page. The core checks everything again (a
// password's length, a username's characters); these only catch what can be
// told at once, and the one thing only the page knows: whether the two
// passwords typed are the same.
import { errorField } from "./errors";

export type CreateField = "school" | "display_name" | "username" | "password" | "again";
export type DemoField = "username" | "password";

export type CreateValues = {
  school: string;
  displayName: string;
  username: string;
  password: string;
  again: string;
};

export const PASSWORDS_DIFFER = "The two passwords are not the same. Type the same password in both boxes.";

/** Problems with the create-school form that need no trip to the core, by field. */
export function checkCreate(v: CreateValues): Partial<Record<CreateField, string>> {
  const problems: Partial<Record<CreateField, string>> = {};
  if (v.school.trim() === "") problems.school = "Enter the school's name.";
  if (v.displayName.trim() === "") problems.display_name = "Enter your name.";
  if (v.username.trim() === "") problems.username = "Choose a username.";
  if (v.password === "") problems.password = "Choose a password.";
  else if (v.again !== v.password) problems.again = PASSWORDS_DIFFER;
  return problems;
}

/** Problems with the demo form that need no trip to the core, by field. */
export function checkDemo(username: string, password: string): Partial<Record<DemoField, string>> {
  const problems: Partial<Record<DemoField, string>> = {};
  if (username.trim() === "") problems.username = "Choose a username.";
  if (password === "") problems.password = "Choose a password.";
  return problems;
}

// The core names fields in words ("school name") or as codes ("display_name");
// a person's name is "name" there, and the school's is always "school name".
const CREATE_FROM_CORE: Record<string, CreateField> = {
  "school name": "school",
  school_name: "school",
  name: "display_name",
  display_name: "display_name",
  username: "username",
  password: "password",
};

/** The create-school field an error from the core belongs to, or null to show it above the form. */
export function createFieldOf(e: unknown): CreateField | null {
  const field = errorField(e);
  return field === null ? null : (CREATE_FROM_CORE[field.trim()] ?? null);
}

/** The demo field an error from the core belongs to, or null to show it above the form. */
export function demoFieldOf(e: unknown): DemoField | null {
  const field = errorField(e)?.trim();
  return field === "username" || field === "password" ? field : null;
}
