// The add and edit form: which fields each kind of person has, their labels,
// and turning what was typed into the PersonInput the core checks.
import type { FieldProblem, PersonDetail, PersonInput, PersonKind } from "./bindings";
import { isoToTyped } from "./dates";
import { sentence } from "./errors";
import { yearGroupCode } from "./people";

export type FormField = Exclude<keyof PersonInput, "kind">;
export type FormValues = Record<FormField, string>;

export type Control = "text" | "date" | "email" | "tel" | "gender" | "year" | "class";

export type FieldSpec = {
  key: FormField;
  label: string;
  control: Control;
  hint?: string;
  required?: boolean;
  /** Takes a whole row of the form. */
  wide?: boolean;
};

export type FieldGroup = { legend: string; fields: readonly FieldSpec[] };

export const FORM_FIELDS: readonly FormField[] = [
  "given_name",
  "family_name",
  "preferred_given_name",
  "preferred_family_name",
  "middle_names",
  "date_of_birth",
  "gender",
  "upn",
  "mis_id",
  "year_group",
  "class",
  "admission_date",
  "leaving_date",
  "role",
  "email",
  "mobile",
  "start_date",
  "end_date",
];

const DATE_HINT = "For example, 14/03/2019";

function names(withMiddle: boolean): FieldGroup {
  const fields: FieldSpec[] = [
    { key: "given_name", label: "Legal forename", control: "text", required: true },
    { key: "family_name", label: "Legal surname", control: "text", required: true },
    {
      key: "preferred_given_name",
      label: "Preferred forename",
      control: "text",
      hint: "Only if they go by another forename",
    },
    {
      key: "preferred_family_name",
      label: "Preferred surname",
      control: "text",
      hint: "Only if they go by another surname",
    },
  ];
  if (withMiddle) fields.push({ key: "middle_names", label: "Middle names", control: "text", wide: true });
  return { legend: "Names", fields };
}

const CONTACT: FieldGroup = {
  legend: "Contact details",
  fields: [
    { key: "email", label: "Email address", control: "email" },
    { key: "mobile", label: "Mobile number", control: "tel" },
  ],
};

function adultRole(kind: "staff" | "volunteer" | "governor"): FieldGroup {
  const role = kind === "governor" ? "Role, for example Chair of governors" : "Role or job title";
  return {
    legend: kind === "governor" ? "Governance" : "Role",
    fields: [
      { key: "role", label: role, control: "text", wide: true },
      { key: "start_date", label: "Start date", control: "date", hint: DATE_HINT },
      { key: "end_date", label: "End date", control: "date", hint: "Only once they have left" },
    ],
  };
}

/** The fields a kind of person has, in the order the form shows them. */
export function fieldGroups(kind: PersonKind): readonly FieldGroup[] {
  switch (kind) {
    case "pupil":
      return [
        names(true),
        {
          legend: "About the pupil",
          fields: [
            { key: "date_of_birth", label: "Date of birth", control: "date", hint: DATE_HINT },
            { key: "gender", label: "Gender", control: "gender", hint: "As recorded in your MIS" },
            {
              key: "upn",
              label: "UPN (Unique Pupil Number)",
              control: "text",
              hint: "13 characters: a letter, then 12 digits",
                    },
            { key: "mis_id", label: "MIS ID", control: "text", hint: "The pupil’s number in your MIS" },
          ],
        },
        {
          legend: "School",
          fields: [
            { key: "year_group", label: "Year group", control: "year", required: true },
            { key: "class", label: "Class", control: "class" },
            { key: "admission_date", label: "Admission date", control: "date", hint: DATE_HINT, wide: true },
          ],
        },
      ];
    case "parent":
      return [names(false), CONTACT];
    case "staff":
    case "volunteer":
    case "governor":
      return [names(false), adultRole(kind), CONTACT];
    case "visitor":
      return [
        names(false),
        {
          legend: "Visit",
          fields: [
            {
              key: "role",
              label: "Role or reason for the visit",
              control: "text",
              hint: "For example, school photographer",
              wide: true,
            },
            { key: "start_date", label: "First day of the visit", control: "date", required: true, hint: DATE_HINT },
            {
              key: "end_date",
              label: "Last day of the visit",
              control: "date",
              hint: "Leave blank for a one-day visit",
            },
          ],
        },
        CONTACT,
      ];
    default: {
      const unreachable: never = kind;
      return unreachable;
    }
  }
}

/** The fields shown for a kind, in form order. */
export function visibleFields(kind: PersonKind): FormField[] {
  return fieldGroups(kind).flatMap((g) => g.fields.map((f) => f.key));
}

/** A field's label for a kind, or a plain fallback for fields the form does not show. */
export function fieldLabelFor(kind: PersonKind, field: string): string {
  for (const group of fieldGroups(kind)) {
    const spec = group.fields.find((f) => f.key === field);
    if (spec !== undefined) return spec.label;
  }
  const words = field.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function emptyValues(): FormValues {
  return Object.fromEntries(FORM_FIELDS.map((f) => [f, ""])) as FormValues;
}

/** The form filled in from a person's stored details; dates as dd/mm/yyyy. */
export function valuesFromDetail(d: PersonDetail): FormValues {
  const s = d.summary;
  const text = (v: string | null) => v ?? "";
  const date = (v: string | null) => (v === null ? "" : isoToTyped(v));
  return {
    given_name: s.given_name,
    family_name: s.family_name,
    preferred_given_name: text(s.preferred_given_name),
    preferred_family_name: text(s.preferred_family_name),
    middle_names: text(d.middle_names),
    date_of_birth: date(d.date_of_birth),
    gender: text(d.gender),
    upn: text(s.upn),
    mis_id: text(d.mis_id),
    year_group: s.year_group === null ? "" : yearGroupCode(s.year_group),
    class: text(s.class),
    admission_date: date(d.admission_date),
    leaving_date: date(d.leaving_date),
    role: text(s.role),
    email: text(d.email),
    mobile: text(d.mobile),
    start_date: date(d.start_date),
    end_date: date(d.end_date),
  };
}

/**
 * What to send to `add_person` or `update_person`. Shown fields are sent as
 * typed (blank as null). Fields the form does not show for this kind are
 * dropped when adding, and kept as they were when editing, so editing a
 * pupil's name never clears their leaving date.
 */
export function toPersonInput(kind: PersonKind, values: FormValues, mode: "add" | "edit"): PersonInput {
  const shown = new Set(visibleFields(kind));
  const value = (f: FormField): string | null => {
    if (!shown.has(f) && mode === "add") return null;
    const trimmed = values[f].trim();
    return trimmed === "" ? null : trimmed;
  };
  return {
    kind,
    given_name: values.given_name.trim(),
    family_name: values.family_name.trim(),
    preferred_given_name: value("preferred_given_name"),
    preferred_family_name: value("preferred_family_name"),
    middle_names: value("middle_names"),
    date_of_birth: value("date_of_birth"),
    gender: value("gender"),
    upn: value("upn"),
    mis_id: value("mis_id"),
    year_group: value("year_group"),
    class: value("class"),
    admission_date: value("admission_date"),
    leaving_date: value("leaving_date"),
    role: value("role"),
    email: value("email"),
    mobile: value("mobile"),
    start_date: value("start_date"),
    end_date: value("end_date"),
  };
}

/** The first field with a problem, in the order the form shows them. */
export function firstProblemField(kind: PersonKind, problemFields: readonly string[]): FormField | null {
  return visibleFields(kind).find((f) => problemFields.includes(f)) ?? null;
}

/** The core's problems with what was typed, one message a field, each reason a sentence. */
export function problemsByField(found: readonly FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of found) {
    const reason = sentence(p.reason) || "Please check this.";
    const earlier = out[p.field];
    out[p.field] = earlier === undefined ? reason : `${earlier} ${reason}`;
  }
  return out;
}
