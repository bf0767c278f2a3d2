import { describe, expect, it } from "vitest";
import {
  dataUrlBytes,
  drawingProblem,
  kioskSecretProblem,
  ks1Icon,
  nextAction,
  shortKind,
  statusLabel,
  strokesFrom,
  todayTyped,
  ukDate,
  ukTime,
  withdrawnText,
} from "./signing";

describe("statuses", () => {
  it("has a word and a symbol for each", () => {
    for (const s of ["signed", "awaiting_parent", "needs_resigning", "expired", "withdrawn", "not_signed"] as const) {
      const label = statusLabel(s);
      expect(label.word.length).toBeGreaterThan(3);
      expect(label.symbol.length).toBeGreaterThan(0);
    }
    expect(statusLabel("awaiting_parent").word).toBe("Awaiting parent");
  });
  it("offers the next step", () => {
    expect(nextAction("not_signed")).toBe("sign");
    expect(nextAction("needs_resigning")).toBe("sign");
    expect(nextAction("awaiting_parent")).toBe("add-parent");
    expect(nextAction("signed")).toBeNull();
  });
  it("names the agreement briefly", () => {
    expect(shortKind("ks2", 3)).toBe("KS2, version 3");
    expect(shortKind("staff", null)).toBe("Staff");
  });
});

describe("drawn signatures", () => {
  const line = (n: number, step: number) => Array.from({ length: n }, (_, i) => ({ x: 10 + i * step, y: 40 }));
  it("refuses an empty box and a dot", () => {
    expect(drawingProblem([])).toMatch(/empty/);
    expect(drawingProblem([[{ x: 5, y: 5 }]])).toMatch(/empty/);
    expect(drawingProblem([line(3, 1)])).toMatch(/dot/);
  });
  it("accepts a real stroke", () => {
    expect(drawingProblem([line(20, 6)])).toBeNull();
  });
  it("keeps the points of each stroke", () => {
    expect(strokesFrom([{ points: [{ x: 1.234, y: 2.06 }] }])).toEqual([[{ x: 1.2, y: 2.1 }]]);
  });
  it("turns a data URL into bytes", () => {
    expect(dataUrlBytes("data:image/png;base64,iVBORw==")).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });
});

describe("KS1 pictures", () => {
  it("match the promise", () => {
    expect(ks1Icon("I tell a grown-up if something makes me sad or scared.")).toBe("talk");
    expect(ks1Icon("I keep my name and where I live a secret online.")).toBe("secret");
    expect(ks1Icon("I look after the computers and tablets.")).toBe("screen");
    expect(ks1Icon("I am kind to others online, just like in class.")).toBe("kind");
    expect(ks1Icon("We sing songs.")).toBe("star");
  });
});

describe("dates", () => {
  it("types today the UK way", () => {
    expect(todayTyped(new Date(2026, 8, 1))).toBe("01/09/2026");
  });
  it("shows stored times in UK time", () => {
    expect(ukTime("2026-07-01T23:30:00.000Z")).toBe("2 July 2026 at 00:30");
    expect(ukTime("2026-11-22T19:20:05.000Z")).toBe("22 November 2026 at 19:20");
    expect(ukDate("2026-09-01T00:00:00.000Z")).toBe("1 September 2026");
  });
});

describe("withdrawals", () => {
  it("read in UK time", () => {
    expect(withdrawnText("2026-11-22T19:20:05.000Z by Assent app: Left the club")).toBe(
      "Withdrawn on 22 November 2026 at 19:20 by Assent app: Left the club",
    );
  });
});

describe("the kiosk's PIN or password", () => {
  it("takes a PIN of 4 to 8 digits typed twice", () => {
    expect(kioskSecretProblem("pin", "2468", "2468")).toBeNull();
    expect(kioskSecretProblem("pin", "12345678", "12345678")).toBeNull();
  });
  it("refuses a PIN that is not 4 to 8 digits", () => {
    for (const pin of ["", "123", "123456789", "12a4", " 1234"]) {
      expect(kioskSecretProblem("pin", pin, pin)).toBe("A PIN has 4 to 8 digits.");
    }
  });
  it("refuses a password shorter than 8 characters", () => {
    expect(kioskSecretProblem("password", "short", "short")).toBe("Use a password of at least 8 characters.");
    expect(kioskSecretProblem("password", "long enough", "long enough")).toBeNull();
  });
  it("refuses two that differ, naming what was typed", () => {
    expect(kioskSecretProblem("pin", "2468", "2469")).toContain("two PINs are different");
    expect(kioskSecretProblem("password", "long enough", "long enougH")).toContain("two passwords are different");
  });
});
