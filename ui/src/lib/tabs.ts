// Keyboard movement in a tab list, as screen-reader users expect of one:
// arrows move to the next or previous tab (wrapping round), Home and End to the ends.

/** The tab `key` moves to from tab `index` of `count`, or null if the key does not move. */
export function tabAfterKey(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case "ArrowRight":
      return (index + 1) % count;
    case "ArrowLeft":
      return (index - 1 + count) % count;
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}
