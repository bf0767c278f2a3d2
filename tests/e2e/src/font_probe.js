// Runs in the app's window (WebDriver executeAsync): does each text draw in real
// glyphs, from a font built into the app? See fonts.rs beside this file.
//
// arguments: targets, without, show, done
//   targets: [{label, text}] sample strings, drawn in the app's own font stack,
//            or [{css}] elements already on the page, measured in their own font.
//   without: font families to leave out of the samples' stack, to show that a
//            text without its built-in font is caught.
//   show:    leave the samples on screen, for a screenshot (removed by the next call).
// answer: {problems: [string], checked: number, scripts: [string]}
const [targets, without, show, done] = arguments;

// A codepoint no font has: the window draws it as the missing-glyph box.
const NONE = "\u{10FFFD}";
const SCRIPTS = [
  "Latin",
  "Greek",
  "Cyrillic",
  "Arabic",
  "Hebrew",
  "Bengali",
  "Devanagari",
  "Han",
  "Hiragana",
  "Katakana",
  "Hangul",
];
const GENERIC = new Set(["serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "ui-monospace"]);

const unquote = (family) => family.trim().replace(/^["']|["']$/g, "");
const scriptOf = (ch) => SCRIPTS.find((s) => new RegExp(`\\p{Script=${s}}`, "u").test(ch)) ?? "symbol";
const hex = (ch) => `U+${ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
// Spaces and joiners draw nothing, in any font.
const inked = (ch) => !/[\p{White_Space}\p{Cf}]/u.test(ch);

function ranges(face) {
  return face.unicodeRange.split(",").map((part) => {
    const [lo, hi] = part.trim().replace(/^U\+/i, "").split("-");
    return [parseInt(lo, 16), parseInt(hi ?? lo, 16)];
  });
}

(async () => {
  document.querySelector("[data-font-probe]")?.remove();
  const root = getComputedStyle(document.documentElement).fontFamily;
  const stack = root
    .split(",")
    .filter((f) => !without.includes(unquote(f)))
    .join(",");

  // The samples, in a panel over the page; measuring copies in a hidden box.
  const panel = document.createElement("div");
  panel.setAttribute("data-font-probe", "");
  panel.setAttribute("aria-hidden", "true");
  panel.style.cssText =
    "position:fixed;left:0;top:0;z-index:99999;background:#fff;border:2px solid #0b5f66;padding:12px 20px;" +
    "font-size:22px;line-height:1.5;white-space:pre;max-height:100vh;overflow:hidden";
  panel.style.fontFamily = stack;
  if (!show) panel.style.visibility = "hidden";
  const box = document.createElement("div");
  box.style.cssText = "position:absolute;left:0;top:0;visibility:hidden;white-space:pre";
  document.body.append(panel, box);

  const items = [];
  for (const t of targets) {
    if (t.css !== undefined) {
      for (const el of document.querySelectorAll(t.css)) {
        const text = el.textContent.replace(/\s+/g, " ").trim();
        if (text !== "") items.push({ label: null, text, el });
      }
    } else {
      const line = document.createElement("div");
      const name = document.createElement("span");
      name.textContent = t.text;
      line.append(`${t.label}: `, name);
      panel.append(line);
      items.push({ label: t.label, text: t.text, el: name });
    }
  }

  const copy = (style, text) => {
    const span = document.createElement("span");
    for (const p of ["fontFamily", "fontSize", "fontWeight", "fontStyle", "fontStretch", "letterSpacing"]) {
      span.style[p] = style[p];
    }
    span.textContent = text;
    box.append(span);
    return span;
  };
  for (const item of items) {
    const style = getComputedStyle(item.el);
    item.style = style;
    item.families = style.fontFamily.split(",").map(unquote);
    item.copy = copy(style, item.text);
    // The same text with each character that needs a font as U+10FFFD; the
    // spaces and plain punctuation between names stay as they are.
    item.boxes = copy(style, Array.from(item.text, (c) => (/[\s!-/:-@[-`{-~]/.test(c) ? c : NONE)).join(""));
  }
  // Laying the copies out loads the faces they need, as the page itself does;
  // then wait until nothing is loading any more.
  void box.offsetWidth;
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (let i = 0; i < 100; i++) {
    await document.fonts.ready;
    await frame();
    if (document.fonts.status === "loaded") break;
  }

  const faces = [...document.fonts].filter((f) => f.status === "loaded").map((f) => ({ family: unquote(f.family), ranges: ranges(f) }));
  const builtIn = (families, cp) =>
    faces.some((f) => families.includes(f.family) && !GENERIC.has(f.family) && f.ranges.some(([lo, hi]) => cp >= lo && cp <= hi));

  // One character drawn on a canvas: the same pixels as NONE's means a missing-glyph box.
  const canvas = document.createElement("canvas");
  canvas.width = 120;
  canvas.height = 80;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  const ink = (font, ch) => {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    ctx.font = font;
    ctx.textBaseline = "middle";
    ctx.fillText(ch, 20, 40);
    return ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  };
  const same = (a, b) => a.length === b.length && a.every((v, i) => v === b[i]);

  const problems = [];
  const scripts = new Set();
  for (const item of items) {
    const chars = [...new Set(Array.from(item.text))].filter(inked);
    const named = [...new Set(chars.map(scriptOf))];
    named.forEach((s) => scripts.add(s));
    const what = `${item.label ?? named.join("+")}: ${JSON.stringify(item.text)}`;
    const width = item.copy.getBoundingClientRect().width;
    const boxes = item.boxes.getBoundingClientRect().width;
    // Hundreds of names on a page: one may be as wide as its boxes by chance, so
    // there the characters' pixels decide. A sample's width is checked as well.
    if (item.label !== null && Math.abs(width - boxes) < 0.05) {
      problems.push(`${what} draws as missing-glyph boxes: ${width.toFixed(1)}px wide, as wide as with U+10FFFD for each letter`);
    }
    const font = `${item.style.fontStyle} ${item.style.fontWeight} 48px ${item.style.fontFamily}`;
    const none = ink(font, NONE);
    for (const ch of chars) {
      if (!builtIn(item.families, ch.codePointAt(0))) {
        problems.push(`${what}: no font built into the app draws ${ch} (${hex(ch)})`);
      }
      if (same(ink(font, ch), none)) {
        problems.push(`${what}: ${ch} (${hex(ch)}) draws as a missing-glyph box`);
      }
    }
  }
  box.remove();
  if (!show) panel.remove();
  done({ problems, checked: items.length, scripts: [...scripts].sort() });
})().catch((e) => done({ problems: [`the probe failed: ${e}`], checked: 0, scripts: [] }));
