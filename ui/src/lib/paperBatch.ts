// Entering a class's returned paper forms one after another: finding the pupil
// from what is typed or scanned, who may sign which form, and what is sent to
// the core for each. The screen stays a thin layer over these.
import type {
  BatchParent,
  BatchPupil,
  ConsentChoice,
  PaperBatch,
  PlanContact,
  SignatureInput,
  SignRequest,
  TemplateKind,
  TemplateSummary,
} from "./bindings";

/** Which forms a batch holds: the pupils' own agreements, or their parents' agreements with the photo choices. */
export type BatchForm = "pupil" | "parent";

// Letters that carry no accent to strip but are typed as a plain letter on a UK keyboard.
const PLAIN: Record<string, string> = { ø: "o", ł: "l", ı: "i", đ: "d", ð: "d", ß: "ss", æ: "ae", œ: "oe", þ: "th" };

/** A name as it is compared with what was typed: lower case, without accents ("Søren Ødegård" → "soren odegard"). */
export function fold(text: string): string {
  return Array.from(text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en-GB"))
    .map((c) => PLAIN[c] ?? c)
    .join("")
    .replace(/[\s\-'’.]+/g, " ")
    .trim();
}

/**
 * The pupils matching what was typed or scanned, best first: an admission
 * number or UPN exactly, then names beginning with it, then names with a word
 * beginning with each word typed, then names containing it. Register order
 * breaks ties, so the same letters always find the same pupil first.
 */
export function matchPupils(pupils: readonly BatchPupil[], typed: string, limit = 6): BatchPupil[] {
  const query = fold(typed);
  if (query === "") return [];
  const code = typed.trim().toLowerCase();
  const words = query.split(" ");
  const rank = (p: BatchPupil): number | null => {
    if ([p.admission_number, p.upn].some((c) => c !== null && c.trim().toLowerCase() === code)) return 0;
    const name = fold(p.name);
    if (name.startsWith(query)) return 1;
    const own = name.split(" ");
    if (words.every((w) => own.some((o) => o.startsWith(w)))) return 2;
    return name.includes(query) ? 3 : null;
  };
  return pupils
    .map((p, i) => ({ p, i, r: rank(p) }))
    .filter((x): x is { p: BatchPupil; i: number; r: number } => x.r !== null)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, limit)
    .map((x) => x.p);
}

/** The parent or carer record for `id`, from the batch. */
export function parentOf(batch: PaperBatch, id: string | null): BatchParent | null {
  return batch.parents.find((p) => p.person_id === id) ?? null;
}

/**
 * Why this pupil's form cannot be entered in this batch, or null when it can.
 * A form already complete is not recorded twice; a form that only a parent or
 * carer can sign needs one on record.
 */
export function cannotEnter(pupil: BatchPupil, form: BatchForm): string | null {
  if (form === "pupil") {
    if (pupil.status === "signed") {
      return `${pupil.name} has already signed${pupil.signed_at ? ` (${pupil.signed_at})` : ""}. Nothing needs recording.`;
    }
    if (pupil.kind === "ks1" && pupil.parents.length === 0) {
      return `${pupil.name} has no parent or carer with parental responsibility on record, and only they can sign a Key Stage 1 form. Add one on ${pupil.first_name}'s page first.`;
    }
    if (pupil.status === "awaiting_parent" && pupil.parents.length === 0) {
      return `${pupil.name} is waiting for a parent's signature, but no parent or carer with parental responsibility is on record. Add one on ${pupil.first_name}'s page first.`;
    }
    return null;
  }
  if (pupil.parents.length === 0) {
    return `${pupil.name} has no parent or carer with parental responsibility on record. Add one on ${pupil.first_name}'s page first.`;
  }
  return null;
}

/**
 * Who the form is most likely signed by: for a pupil's form, their first
 * contact; for a parent agreement, the first of their parents who has not
 * signed one yet (a second form for the same child is usually from the other
 * parent).
 */
export function likelySigner(batch: PaperBatch, pupil: BatchPupil, form: BatchForm): string | null {
  if (form === "pupil") return pupil.parents[0]?.id ?? null;
  const unsigned = pupil.parents.find((p) => parentOf(batch, p.id)?.status !== "signed");
  return (unsigned ?? pupil.parents[0])?.id ?? null;
}

/** Whether a pupil's form only adds the parent's signature to an agreement the pupil signed before. */
export function addsParent(pupil: BatchPupil): boolean {
  return pupil.status === "awaiting_parent" && pupil.awaiting_parent !== null;
}

/** One form as entered on screen. */
export type Entry = {
  pupil: BatchPupil;
  form: BatchForm;
  /** The parent or carer who signed (for a parent agreement, whose agreement it is); null for none yet. */
  signer: string | null;
  /** A KS1 child added their name or mark. */
  childMark: boolean;
  /** The photo answers, by {@link answerKey}. */
  answers: Record<string, "yes" | "no" | undefined>;
  /** The date written on the form, as typed. */
  date: string;
};

export const answerKey = (child: string, purpose: string): string => `${child}/${purpose}`;

/** The children whose photo choices a parent agreement asks, for this entry. */
export function childrenAsked(batch: PaperBatch, entry: Entry): PlanContact[] {
  return entry.form === "parent" ? (parentOf(batch, entry.signer)?.children ?? []) : [];
}

/** The questions still without an answer, in the order they are shown. */
export function unanswered(batch: PaperBatch, entry: Entry): Array<{ child: PlanContact; purpose: string }> {
  return childrenAsked(batch, entry).flatMap((child) =>
    batch.purposes
      .filter((p) => entry.answers[answerKey(child.id, p.code)] === undefined)
      .map((p) => ({ child, purpose: p.code })),
  );
}

/** What a key pressed on a photo question does: answer it, answer the rest of this child's questions yes, or nothing. */
export function choiceKey(key: string): "yes" | "no" | "rest-yes" | null {
  switch (key.toLowerCase()) {
    case "y":
      return "yes";
    case "n":
      return "no";
    case "a":
      return "rest-yes";
    default:
      return null;
  }
}

function template(batch: PaperBatch, kind: TemplateKind): TemplateSummary {
  const t = batch.templates.find((x) => x.kind === kind);
  if (t === undefined) throw new Error(`No ${kind} agreement is published.`);
  return t;
}

function paper(role: SignatureInput["role"], name: string, who: string | null, date: string): SignatureInput {
  return {
    role,
    signer_person_id: who,
    signer_name: name,
    method: "paper",
    agreed: false,
    image_png: null,
    strokes: null,
    signed_on: date.trim(),
  };
}

/** What is sent for one form: a new agreement, or a parent's signature added to the pupil's. */
export type Save =
  | { call: "sign"; request: SignRequest }
  | { call: "add-parent"; agreementId: string; signature: SignatureInput };

/** Why the form cannot be saved yet, worded for the office, or the one call that saves it. */
export function saveFor(
  batch: PaperBatch,
  entry: Entry,
  submission: string,
  scan: number[] | null,
): { problem: string } | Save {
  const { pupil, date } = entry;
  if (date.trim() === "") return { problem: "Type the date written on the form." };
  const parent = pupil.parents.find((p) => p.id === entry.signer) ?? null;
  if (entry.form === "parent") {
    const signer = parentOf(batch, entry.signer);
    if (signer === null) return { problem: `Choose which of ${pupil.first_name}'s parents or carers signed the form.` };
    const missing = unanswered(batch, entry);
    const first = missing[0];
    if (first !== undefined) {
      const n = missing.length;
      return {
        problem: `Answer every photo and video question for ${first.child.name}${childrenAsked(batch, entry).length > 1 ? " and the other children" : ""}: ${n} ${n === 1 ? "question has" : "questions have"} no answer yet.`,
      };
    }
    const consents: ConsentChoice[] = childrenAsked(batch, entry).flatMap((c) =>
      batch.purposes.map((p) => ({ pupil_id: c.id, purpose: p.code, yes: entry.answers[answerKey(c.id, p.code)] === "yes" })),
    );
    const t = template(batch, "parent");
    return {
      call: "sign",
      request: {
        submission_id: submission,
        person_id: signer.person_id,
        kind: "parent",
        version: t.version,
        template_sha256: t.sha256,
        signatures: [paper("self", signer.name, null, date)],
        scan,
        device: "",
        consents,
      },
    };
  }
  if (addsParent(pupil) && pupil.awaiting_parent !== null) {
    if (parent === null) return { problem: `Choose the parent or carer who signed ${pupil.first_name}'s form.` };
    return { call: "add-parent", agreementId: pupil.awaiting_parent, signature: paper("parent", parent.name, parent.id, date) };
  }
  const signatures: SignatureInput[] = [];
  if (pupil.kind === "ks2") signatures.push(paper("pupil", pupil.name, null, date));
  if (parent !== null) signatures.push(paper("parent", parent.name, parent.id, date));
  else if (pupil.kind === "ks1") return { problem: `Choose the parent or carer who signed ${pupil.first_name}'s form.` };
  if (pupil.kind === "ks1" && entry.childMark) signatures.push(paper("child_mark", pupil.first_name, null, date));
  const t = template(batch, pupil.kind);
  return {
    call: "sign",
    request: {
      submission_id: submission,
      person_id: pupil.person_id,
      kind: pupil.kind,
      version: t.version,
      template_sha256: t.sha256,
      signatures,
      scan,
      device: "",
      consents: [],
    },
  };
}

/** One form saved in this batch, for the list on screen. */
export type Entered = {
  /** Unique in the list: the submission, since adding a parent's signature keeps the agreement's id. */
  key: string;
  /** The agreement recorded or completed. */
  id: string;
  pupil: string;
  what: string;
  signer: string;
  date: string;
  scan: boolean;
  /** "7 yes, 2 no" for a parent agreement's choices. */
  choices: string | null;
};

/** The line for the list, from what was sent. */
export function enteredLine(batch: PaperBatch, entry: Entry, agreementId: string, scan: boolean, key: string): Entered {
  const parent = entry.pupil.parents.find((p) => p.id === entry.signer);
  const signer =
    entry.form === "parent"
      ? (parentOf(batch, entry.signer)?.name ?? "")
      : [entry.pupil.kind === "ks2" && !addsParent(entry.pupil) ? entry.pupil.first_name : null, parent?.name ?? null]
          .filter((x) => x !== null)
          .join(" and ");
  const answers = childrenAsked(batch, entry).flatMap((c) =>
    batch.purposes.map((p) => entry.answers[answerKey(c.id, p.code)]),
  );
  const yes = answers.filter((a) => a === "yes").length;
  return {
    key,
    id: agreementId,
    pupil: entry.pupil.name,
    what:
      entry.form === "parent"
        ? "Parent agreement"
        : addsParent(entry.pupil)
          ? "Parent's signature added"
          : entry.pupil.kind === "ks1"
            ? "KS1 agreement"
            : "KS2 agreement",
    signer: signer === "" ? "Pupil only" : signer,
    date: entry.date.trim(),
    scan,
    choices: entry.form === "parent" ? `${yes} yes, ${answers.length - yes} no` : null,
  };
}

/** Where the pupil stands now, as the batch keeps it after a form is saved (no second read). */
export function afterSave(batch: PaperBatch, entry: Entry, agreementId: string, signedOn: string): PaperBatch {
  if (entry.form === "parent") {
    return {
      ...batch,
      parents: batch.parents.map((p) =>
        p.person_id === entry.signer ? { ...p, status: "signed", signed_at: signedOn } : p,
      ),
    };
  }
  const complete = entry.signer !== null;
  return {
    ...batch,
    pupils: batch.pupils.map((p) =>
      p.person_id === entry.pupil.person_id
        ? {
            ...p,
            status: complete ? "signed" : "awaiting_parent",
            signed_at: complete ? signedOn : null,
            awaiting_parent: complete ? null : agreementId,
          }
        : p,
    ),
  };
}

/** What the class's forms most likely are: the pupils' own agreements, by key stage. */
export function pupilFormLabel(batch: PaperBatch): string {
  const kinds = [...new Set(batch.pupils.map((p) => p.kind))].sort();
  const part = kinds.map((k) => {
    const t = batch.templates.find((x) => x.kind === k);
    return `${k === "ks1" ? "Key Stage 1" : "Key Stage 2"}${t ? `, version ${t.version}` : ""}`;
  });
  return `Pupil agreements (${part.join("; ")})`;
}

/** The parent agreement with its photo and video questions, as offered for a batch. */
export function parentFormLabel(batch: PaperBatch): string {
  const t = batch.templates.find((x) => x.kind === "parent");
  return `Parent and carer agreements with the photo and video choices${t ? ` (version ${t.version})` : ""}`;
}
