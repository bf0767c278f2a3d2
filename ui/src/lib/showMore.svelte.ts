// How much of a long list is shown: one lot at first, one more each time
// "Show more" is pressed, and one lot again as soon as what is listed changes
// (another search, tab or filter), so a narrowed list never starts long.

export class ShowMore {
  #key = $state("");
  #lots = $state(1);

  /** How many lots to show of the list that `key` describes. */
  lots(key: string): number {
    return this.#key === key ? this.#lots : 1;
  }

  /** Shows one more lot of the list that `key` describes. */
  more(key: string): void {
    this.#lots = this.lots(key) + 1;
    this.#key = key;
  }

  /** Back to one lot of every list. */
  reset(): void {
    this.#key = "";
    this.#lots = 1;
  }
}
