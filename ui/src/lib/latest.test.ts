import { describe, expect, it } from "vitest";
import { latestAnswer } from "./latest";

const same = (a: string, b: string) => a === b;

describe("latestAnswer", () => {
  it("answers the question once when it does not change meanwhile", async () => {
    const asked: string[] = [];
    const got = await latestAnswer(
      () => "Fa",
      same,
      async (q) => {
        asked.push(q);
        return `${q}!`;
      },
    );
    expect(got).toEqual({ question: "Fa", answer: "Fa!" });
    expect(asked).toEqual(["Fa"]);
  });

  it("asks again when the question changed while the answer was on its way", async () => {
    let typed = "F";
    const asked: string[] = [];
    const got = await latestAnswer(
      () => typed,
      same,
      async (q) => {
        asked.push(q);
        if (q === "F") typed = "Fang";
        return q.length;
      },
    );
    expect(asked).toEqual(["F", "Fang"]);
    expect(got).toEqual({ question: "Fang", answer: 4 });
  });

  it("drops a failure that answers an earlier question", async () => {
    let typed = "bad";
    const got = await latestAnswer(
      () => typed,
      same,
      async (q) => {
        if (q === "bad") {
          typed = "good";
          throw new Error("too late to matter");
        }
        return q;
      },
    );
    expect(got.answer).toBe("good");
  });

  it("passes on a failure of the latest question", async () => {
    const failure = { kind: "not_signed_in" };
    await expect(latestAnswer(() => "q", same, () => Promise.reject(failure))).rejects.toBe(failure);
  });
});
