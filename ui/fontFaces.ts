// A build step for the Chinese, Japanese and Korean fonts (see src/fonts.ts): it
// keeps only the @font-face rules of a fontsource stylesheet whose unicode-range
// holds characters the app takes from that font, so the files of the other
// rules never enter the bundle. Noto Sans KR's slices of ideographs, which Noto
// Sans SC already draws, would add 1.5 MB to the app for nothing.
import type { Plugin } from "vite";

/** Inclusive ranges of codepoints. */
export type Ranges = readonly (readonly [number, number])[];

/** Hangul: jamo, compatibility jamo and syllables. */
export const HANGUL: Ranges = [
  [0x1100, 0x11ff],
  [0x3130, 0x318f],
  [0xa960, 0xa97f],
  [0xac00, 0xd7ff],
];

/** Ideographs, kana, bopomofo and CJK punctuation, radicals and full-width forms. */
export const CJK: Ranges = [
  [0x2e80, 0x2fdf],
  [0x3000, 0x312f],
  [0x31a0, 0x31ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xffef],
  [0x20000, 0x3ffff],
];

/** The ranges of a unicode-range descriptor ("U+4E00-9FFF, U+3001"). */
export function parseRange(descriptor: string): [number, number][] {
  return descriptor
    .split(",")
    .map((part) => part.trim().replace(/^U\+/i, ""))
    .filter((part) => part !== "")
    .map((part) => {
      const [lo = "", hi] = part.split("-");
      return [parseInt(lo, 16), parseInt(hi ?? lo, 16)];
    });
}

const overlaps = (a: Ranges, b: Ranges) => a.some(([lo, hi]) => b.some(([l, h]) => lo <= h && l <= hi));

/**
 * The stylesheet without the @font-face rules whose unicode-range has nothing
 * in `wanted`. A rule without a range covers everything, so it stays.
 */
export function keepFaces(css: string, wanted: Ranges): string {
  return css.replace(/(\/\*[^*]*\*\/\s*)?@font-face\s*\{[^}]*\}\s*/g, (rule) => {
    const range = /unicode-range:\s*([^;}]*)/.exec(rule)?.[1];
    return range === undefined || overlaps(parseRange(range), wanted) ? rule : "";
  });
}

/** Which stylesheets to cut, by the path of their package, and what each keeps. */
const CUTS: readonly [RegExp, Ranges][] = [
  [/@fontsource-variable[\\/]noto-sans-sc[\\/][^\\/]*\.css$/, CJK],
  [/@fontsource-variable[\\/]noto-sans-kr[\\/][^\\/]*\.css$/, HANGUL],
];

/** The Vite plugin: applies the cuts before Vite reads the stylesheets' urls. */
export function cjkFontFaces(): Plugin {
  return {
    name: "assent-cjk-font-faces",
    enforce: "pre",
    transform(code, id) {
      // Only the stylesheet itself: "?raw" and the like are other modules.
      if (id.includes("?")) return null;
      const cut = CUTS.find(([path]) => path.test(id));
      return cut === undefined ? null : { code: keepFaces(code, cut[1]), map: null };
    },
  };
}
