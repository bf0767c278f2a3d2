// The people list's filters, and how much of the list is shown, live here,
// outside any page, so they are still set when someone opens a person and
// comes back (to their row, even beyond the first lot), or visits another section.
import { emptyFilters, type ListFilters } from "./people";
import { ShowMore } from "./showMore.svelte";

export const listFilters: ListFilters = $state(emptyFilters());
export const listPaging = new ShowMore();
