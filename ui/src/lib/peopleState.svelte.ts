// The people list's filters live here, outside any page, so they are still set
// when someone opens a person and comes back, or visits another section.
import { emptyFilters, type ListFilters } from "./people";

export const listFilters: ListFilters = $state(emptyFilters());
