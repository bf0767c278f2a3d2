import krSubsets from "@fontsource-variable/noto-sans-kr/unicode.json?raw";
import scSubsets from "@fontsource-variable/noto-sans-sc/unicode.json?raw";
import { describe, expect, it } from "vitest";
import { CJK, HANGUL, keepFaces, parseRange, type Ranges } from "./fontFaces";

/**
 * A package's stylesheet, rebuilt in fontsource's own form from the ranges of
 * its subsets (unicode.json), since the test runner reads no stylesheets.
 */
function stylesheet(subsets: string): string {
  return Object.entries(JSON.parse(subsets) as Record<string, string>)
    .map(
      ([name, range]) =>
        `/* ${name} */\n@font-face {\n  font-family: 'X';\n  src: url(./files/${name}.woff2) format('woff2-variations');\n  unicode-range: ${range};\n}\n`,
    )
    .join("\n");
}

/** Every codepoint the stylesheet's faces cover. */
function covered(css: string): Set<number> {
  const out = new Set<number>();
  for (const m of css.matchAll(/unicode-range:\s*([^;}]*)/g)) {
    for (const [lo, hi] of parseRange(m[1] ?? "")) for (let c = lo; c <= hi; c++) out.add(c);
  }
  return out;
}

const within = (ranges: Ranges, c: number) => ranges.some(([lo, hi]) => c >= lo && c <= hi);

describe("the CJK fonts' faces the build keeps", () => {
  it("reads a unicode-range", () => {
    expect(parseRange("U+4E00-9FFF, U+3001,U+ac00-d7a3")).toEqual([
      [0x4e00, 0x9fff],
      [0x3001, 0x3001],
      [0xac00, 0xd7a3],
    ]);
  });

  it("drops only the faces with nothing wanted", () => {
    const css = `/* a */
@font-face { font-family: 'X'; src: url(./a.woff2); unicode-range: U+0000-00FF; }
/* b */
@font-face { font-family: 'X'; src: url(./b.woff2); unicode-range: U+0041, U+AC01; }
@font-face { font-family: 'X'; src: url(./c.woff2); }
`;
    const kept = keepFaces(css, HANGUL);
    expect(kept).not.toContain("a.woff2");
    expect(kept).toContain("b.woff2");
    expect(kept).toContain("c.woff2");
  });

  it("keeps every Hangul syllable of Noto Sans KR and no face without Hangul", () => {
    const css = stylesheet(krSubsets);
    const kept = keepFaces(css, HANGUL);
    const has = covered(kept);
    for (let c = 0xac00; c <= 0xd7a3; c++) expect(has.has(c), c.toString(16)).toBe(true);
    expect(kept.match(/@font-face/g)?.length).toBeLessThan(css.match(/@font-face/g)?.length ?? 0);
    for (const rule of kept.match(/@font-face\s*\{[^}]*\}/g) ?? []) {
      expect(keepFaces(rule, HANGUL)).not.toBe("");
    }
  });

  it("keeps every ideograph and kana that Noto Sans SC has", () => {
    const css = stylesheet(scSubsets);
    const before = [...covered(css)].filter((c) => within(CJK, c));
    const after = covered(keepFaces(css, CJK));
    expect(before.length).toBeGreaterThan(12000);
    expect(before.filter((c) => !after.has(c))).toEqual([]);
  });
});
