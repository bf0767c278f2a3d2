// What each page remembers between visits (the People filters and how far the
// list is open, the Signing page's class) belongs to the person signed in.
// It is forgotten whenever the sign-in screen comes back, so the next person
// starts from their own defaults and never sees the last person's choices.
import { emptyFilters } from "./people";
import { listFilters, listPaging } from "./peopleState.svelte";
import { signingGroup, signingStillToSign } from "./signingState.svelte";

export function forgetViewState(): void {
  Object.assign(listFilters, emptyFilters());
  listPaging.reset();
  signingGroup.value = "";
  signingStillToSign.value = false;
}
