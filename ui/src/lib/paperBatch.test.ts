import { describe, expect, it } from "vitest";
import type { BatchParent, BatchPupil, PaperBatch, SignRequest, TemplateSummary } from "./bindings";
import {
  afterSave,
  answerKey,
  cannotEnter,
  choiceKey,
  enteredLine,
  type Entry,
  fold,
  likelySigner,
  matchPupils,
  saveFor,
  unanswered,
} from "./paperBatch";

function pupil(id: string, name: string, extra: Partial<BatchPupil> = {}): BatchPupil {
  return {
    person_id: id,
    name,
    first_name: name.split(" ")[0] ?? name,
    admission_number: null,
    upn: null,
    kind: "ks2",
    status: "not_signed",
    signed_at: null,
    awaiting_parent: null,
    parents: [{ id: `${id}-mum`, name: `Mum of ${name}`, detail: "Mother" }],
    ...extra,
  };
}

function template(kind: TemplateSummary["kind"], version: number): TemplateSummary {
  return {
    kind,
    version,
    title: kind,
    published_at: "",
    sha256: `sha-${kind}-${version}`,
    review_due: "",
    current: true,
    material: true,
  };
}

const PUPILS = [
  pupil("p1", "Søren Ashworth", { admission_number: "A0042" }),
  pupil("p2", "Noah Campbell"),
  pupil("p3", "Noah Fairbairn"),
  pupil("p4", "Ethan Łukasiewicz", { upn: "H801200001001" }),
  pupil("p5", "Mia Fairbairn", { status: "signed", signed_at: "3 September 2026" }),
];

function parent(id: string, children: string[], status: BatchParent["status"] = "not_signed"): BatchParent {
  return {
    person_id: id,
    name: `Parent ${id}`,
    status,
    signed_at: null,
    children: children.map((c) => ({ id: c, name: `Child ${c}`, detail: "Oak" })),
  };
}

const BATCH: PaperBatch = {
  class: "Oak",
  pupils: PUPILS,
  parents: [parent("p1-mum", ["p1", "sib"]), parent("p2-mum", ["p2"])],
  templates: [template("ks2", 3), template("parent", 2)],
  purposes: [
    { code: "website", name: "School website", explanation: "", retired: false },
    { code: "press", name: "Local press", explanation: "", retired: false },
  ],
};

const entry = (over: Partial<Entry>): Entry => ({
  pupil: PUPILS[0] as BatchPupil,
  form: "pupil",
  signer: "p1-mum",
  childMark: false,
  answers: {},
  date: "01/09/2026",
  ...over,
});

describe("finding the pupil", () => {
  it("ignores accents and letters a UK keyboard lacks", () => {
    expect(fold("Søren  Łukasiewicz-Ødegård")).toBe("soren lukasiewicz odegard");
    expect(matchPupils(PUPILS, "soren").map((p) => p.person_id)).toEqual(["p1"]);
    expect(matchPupils(PUPILS, "luka").map((p) => p.person_id)).toEqual(["p4"]);
  });
  it("puts names that begin with the text first, then words, then anywhere, in register order", () => {
    expect(matchPupils(PUPILS, "noah").map((p) => p.person_id)).toEqual(["p2", "p3"]);
    expect(matchPupils(PUPILS, "noah f").map((p) => p.person_id)).toEqual(["p3"]);
    expect(matchPupils(PUPILS, "fair").map((p) => p.person_id)).toEqual(["p3", "p5"]);
    expect(matchPupils(PUPILS, "n f").map((p) => p.person_id)).toEqual(["p3"]);
    expect(matchPupils(PUPILS, "bair").map((p) => p.person_id)).toEqual(["p3", "p5"]);
    expect(matchPupils(PUPILS, "  ")).toEqual([]);
    expect(matchPupils(PUPILS, "zz")).toEqual([]);
  });
  it("takes a scanned admission number or UPN before any name", () => {
    expect(matchPupils(PUPILS, "a0042")[0]?.person_id).toBe("p1");
    expect(matchPupils(PUPILS, " H801200001001 ")[0]?.person_id).toBe("p4");
  });
});

describe("which forms can be entered", () => {
  it("does not record a pupil's complete form twice", () => {
    expect(cannotEnter(PUPILS[4] as BatchPupil, "pupil")).toContain("already signed (3 September 2026)");
    expect(cannotEnter(PUPILS[4] as BatchPupil, "parent")).toBeNull();
    expect(cannotEnter(PUPILS[0] as BatchPupil, "pupil")).toBeNull();
  });
  it("needs a parent or carer on record where only they can sign", () => {
    const alone = pupil("x", "Ada Lone", { parents: [] });
    expect(cannotEnter(alone, "pupil")).toBeNull();
    expect(cannotEnter({ ...alone, kind: "ks1" }, "pupil")).toContain("Key Stage 1");
    expect(cannotEnter(alone, "parent")).toContain("no parent or carer");
  });
  it("offers the parent who has not signed their own agreement yet", () => {
    const two = pupil("p1", "Søren Ashworth", {
      parents: [
        { id: "p1-mum", name: "Mum", detail: null },
        { id: "p1-dad", name: "Dad", detail: null },
      ],
    });
    const batch = { ...BATCH, parents: [parent("p1-mum", ["p1"], "signed"), parent("p1-dad", ["p1"])] };
    expect(likelySigner(batch, two, "parent")).toBe("p1-dad");
    expect(likelySigner(batch, two, "pupil")).toBe("p1-mum");
  });
});

describe("what is sent", () => {
  it("a KS2 form carries the pupil's and the parent's paper signatures on the date typed", () => {
    const save = saveFor(BATCH, entry({}), "sub-1", [1, 2, 3]);
    expect("call" in save && save.call).toBe("sign");
    const req = (save as { request: SignRequest }).request;
    expect(req).toMatchObject({ submission_id: "sub-1", person_id: "p1", kind: "ks2", version: 3, template_sha256: "sha-ks2-3", scan: [1, 2, 3], consents: [] });
    expect(req.signatures.map((s) => [s.role, s.signer_name, s.signer_person_id, s.method, s.signed_on])).toEqual([
      ["pupil", "Søren Ashworth", null, "paper", "01/09/2026"],
      ["parent", "Mum of Søren Ashworth", "p1-mum", "paper", "01/09/2026"],
    ]);
    const alone = saveFor(BATCH, entry({ signer: null }), "sub-2", null) as { request: SignRequest };
    expect(alone.request.signatures.map((s) => s.role)).toEqual(["pupil"]);
  });
  it("a parent's signature arriving later is added to the pupil's agreement", () => {
    const waiting = pupil("p9", "Ava Wait", { status: "awaiting_parent", awaiting_parent: "agr-9" });
    const save = saveFor(BATCH, entry({ pupil: waiting, signer: "p9-mum" }), "s", null);
    expect(save).toMatchObject({ call: "add-parent", agreementId: "agr-9", signature: { role: "parent", signer_person_id: "p9-mum" } });
    expect(saveFor(BATCH, entry({ pupil: waiting, signer: null }), "s", null)).toHaveProperty("problem");
  });
  it("a KS1 form needs the parent, and takes the child's mark when made", () => {
    const little = pupil("k1", "Zara Small", { kind: "ks1" });
    const batch = { ...BATCH, templates: [...BATCH.templates, template("ks1", 1)] };
    expect(saveFor(batch, entry({ pupil: little, signer: null }), "s", null)).toHaveProperty("problem");
    const save = saveFor(batch, entry({ pupil: little, signer: "k1-mum", childMark: true }), "s", null) as { request: SignRequest };
    expect(save.request.signatures.map((s) => [s.role, s.signer_name])).toEqual([
      ["parent", "Mum of Zara Small"],
      ["child_mark", "Zara"],
    ]);
  });
  it("a parent agreement is refused until every question for every child has an answer", () => {
    const e = entry({ form: "parent", answers: { [answerKey("p1", "website")]: "yes" } });
    expect(unanswered(BATCH, e).map((q) => `${q.child.id}/${q.purpose}`)).toEqual(["p1/press", "sib/website", "sib/press"]);
    const refused = saveFor(BATCH, e, "s", null);
    expect(refused).toEqual({ problem: expect.stringContaining("3 questions have no answer") });
    const answers = { ...e.answers, [answerKey("p1", "press")]: "no" as const, [answerKey("sib", "website")]: "yes" as const, [answerKey("sib", "press")]: "yes" as const };
    const save = saveFor(BATCH, { ...e, answers }, "s", null) as { request: SignRequest };
    expect(save.request).toMatchObject({ person_id: "p1-mum", kind: "parent", version: 2, template_sha256: "sha-parent-2" });
    expect(save.request.signatures).toMatchObject([{ role: "self", signer_name: "Parent p1-mum", method: "paper" }]);
    expect(save.request.consents).toEqual([
      { pupil_id: "p1", purpose: "website", yes: true },
      { pupil_id: "p1", purpose: "press", yes: false },
      { pupil_id: "sib", purpose: "website", yes: true },
      { pupil_id: "sib", purpose: "press", yes: true },
    ]);
    expect(enteredLine(BATCH, { ...e, answers }, "agr", false, "sub").choices).toBe("3 yes, 1 no");
  });
  it("needs a date", () => {
    expect(saveFor(BATCH, entry({ date: "  " }), "s", null)).toEqual({ problem: "Type the date written on the form." });
  });
});

describe("keys and the batch afterwards", () => {
  it("answers with one key each", () => {
    expect(["y", "Y", "n", "a", "x", "Enter"].map(choiceKey)).toEqual(["yes", "yes", "no", "rest-yes", null, null]);
  });
  it("keeps where each pupil and parent stands without reading the class again", () => {
    const full = afterSave(BATCH, entry({}), "agr-1", "1 September 2026");
    expect(full.pupils[0]).toMatchObject({ status: "signed", signed_at: "1 September 2026", awaiting_parent: null });
    const half = afterSave(BATCH, entry({ signer: null }), "agr-2", "1 September 2026");
    expect(half.pupils[0]).toMatchObject({ status: "awaiting_parent", awaiting_parent: "agr-2" });
    const parentSigned = afterSave(BATCH, entry({ form: "parent" }), "agr-3", "1 September 2026");
    expect(parentSigned.parents[0]?.status).toBe("signed");
    expect(parentSigned.pupils).toBe(BATCH.pupils);
  });
});
