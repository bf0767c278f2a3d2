import { describe, expect, it } from "vitest";
import type { PersonSummary } from "./bindings";
import {
  PERSON_KINDS,
  YEAR_GROUPS,
  LIST_LIMIT,
  SEARCH_LIMIT,
  buildFilter,
  hasMore,
  shownPeople,
  countFor,
  countPhrase,
  displayName,
  emptyFilters,
  genderLabel,
  keyStageLabel,
  kindGroupLabel,
  kindLabel,
  legalNameIfDifferent,
  noMatches,
  noneYet,
  sameFilter,
  showsPupilFilters,
  yearGroupCode,
  yearGroupLabel,
} from "./people";

function person(overrides: Partial<PersonSummary> = {}): PersonSummary {
  return {
    id: "p1",
    kind: "pupil",
    given_name: "Aleksandra",
    family_name: "Nowak",
    preferred_given_name: null,
    preferred_family_name: null,
    year_group: "Year 3",
    class: "Oak",
    upn: null,
    key_stage: null,
    role: null,
    left: false,
    ...overrides,
  };
}

describe("labels", () => {
  it("has a plain label for every kind", () => {
    expect(PERSON_KINDS.map(kindGroupLabel)).toEqual([
      "Pupils",
      "Parents and carers",
      "Staff",
      "Volunteers",
      "Governors",
      "Visitors",
    ]);
    expect(kindLabel("parent")).toBe("Parent or carer");
    expect(kindLabel("staff")).toBe("Staff");
  });
});

describe("countPhrase", () => {
  it("uses singular and plural wording", () => {
    expect(countPhrase(1, "pupil")).toBe("1 pupil");
    expect(countPhrase(210, "pupil")).toBe("210 pupils");
    expect(countPhrase(0, "governor")).toBe("0 governors");
    expect(countPhrase(1, "parent")).toBe("1 parent or carer");
    expect(countPhrase(2, "parent")).toBe("2 parents and carers");
    expect(countPhrase(1, "staff")).toBe("1 member of staff");
    expect(countPhrase(45, "staff")).toBe("45 members of staff");
  });

  it("counts everyone as people", () => {
    expect(countPhrase(612, null)).toBe("Showing 612 people");
    expect(countPhrase(1, null)).toBe("Showing 1 person");
    expect(countPhrase(1234, null)).toBe("Showing 1,234 people");
  });
});

describe("names", () => {
  it("shows the legal name when there is no preferred name", () => {
    const p = person();
    expect(displayName(p)).toBe("Aleksandra Nowak");
    expect(legalNameIfDifferent(p)).toBeNull();
  });

  it("prefers preferred names and keeps the legal name as secondary", () => {
    const p = person({ preferred_given_name: "Ola" });
    expect(displayName(p)).toBe("Ola Nowak");
    expect(legalNameIfDifferent(p)).toBe("Aleksandra Nowak");
  });

  it("uses a preferred family name on its own", () => {
    const p = person({ given_name: "Zoë", family_name: "Ní Bhriain", preferred_family_name: "Brennan" });
    expect(displayName(p)).toBe("Zoë Brennan");
    expect(legalNameIfDifferent(p)).toBe("Zoë Ní Bhriain");
  });

  it("ignores blank preferred names", () => {
    const p = person({ given_name: "মিতা", family_name: "রহমান", preferred_given_name: "  " });
    expect(displayName(p)).toBe("মিতা রহমান");
    expect(legalNameIfDifferent(p)).toBeNull();
  });
});

describe("countFor", () => {
  it("finds a kind's count and treats a missing kind as none", () => {
    const counts = [{ kind: "pupil" as const, count: 210 }];
    expect(countFor(counts, "pupil")).toBe(210);
    expect(countFor(counts, "visitor")).toBe(0);
  });
});

describe("noneYet", () => {
  it("says plainly that a list is empty", () => {
    expect(noneYet(null)).toBe("There is nobody in the database yet.");
    expect(noneYet("volunteer")).toBe("There are no volunteers in the database yet.");
  });
});

describe("year groups", () => {
  it("lists Nursery to Year 6 with the stored codes", () => {
    expect(YEAR_GROUPS.map((y) => y.code)).toEqual(["N", "R", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6"]);
    expect(YEAR_GROUPS.map((y) => y.label)).toEqual([
      "Nursery",
      "Reception",
      "Year 1",
      "Year 2",
      "Year 3",
      "Year 4",
      "Year 5",
      "Year 6",
    ]);
  });

  it("converts between codes and labels, keeping anything else", () => {
    expect(yearGroupLabel("Y3")).toBe("Year 3");
    expect(yearGroupLabel("Reception")).toBe("Reception");
    expect(yearGroupCode("Year 6")).toBe("Y6");
    expect(yearGroupCode("R")).toBe("R");
    expect(yearGroupCode("Year 9")).toBe("Year 9");
  });

  it("words key stages and genders", () => {
    expect(keyStageLabel("eyfs")).toBe("EYFS");
    expect(keyStageLabel("ks2")).toBe("KS2");
    expect(genderLabel("F")).toBe("Female");
    expect(genderLabel("X")).toBe("Other or not known");
    expect(genderLabel("Q")).toBe("Q");
  });
});

describe("buildFilter", () => {
  it("sends nothing but the defaults for empty controls", () => {
    expect(buildFilter(emptyFilters())).toEqual({
      kind: null,
      class: null,
      year: null,
      search: null,
      include_leavers: false,
      limit: LIST_LIMIT + 1,
    });
  });

  it("trims the search and keeps pupil filters for pupils and everyone", () => {
    const f = { kind: "pupil" as const, class: "Oak", year: "Y5", search: "  王 ", includeLeavers: true };
    expect(buildFilter(f)).toEqual({
      kind: "pupil",
      class: "Oak",
      year: "Y5",
      search: "王",
      include_leavers: true,
      limit: SEARCH_LIMIT + 1,
    });
    expect(buildFilter({ ...f, kind: "" })).toMatchObject({ kind: null, class: "Oak", year: "Y5" });
  });

  it("drops the class and year group for adults, who have neither", () => {
    const f = { kind: "staff" as const, class: "Oak", year: "Y5", search: "", includeLeavers: false };
    expect(buildFilter(f)).toEqual({
      kind: "staff",
      class: null,
      year: null,
      search: null,
      include_leavers: false,
      limit: LIST_LIMIT + 1,
    });
    expect(showsPupilFilters("staff")).toBe(false);
    expect(showsPupilFilters("")).toBe(true);
    expect(showsPupilFilters("pupil")).toBe(true);
  });

  it("fetches only the first matches while a name is typed, and one more to tell whether there are more", () => {
    const typing = buildFilter({ ...emptyFilters(), search: "ma" });
    expect(typing.limit).toBe(SEARCH_LIMIT + 1);
    expect(hasMore(typing, SEARCH_LIMIT + 1)).toBe(true);
    // Exactly a lot's worth is shown whole, with nothing more to show.
    expect(hasMore(typing, SEARCH_LIMIT)).toBe(false);
    expect(hasMore(typing, 12)).toBe(false);
  });

  it("fetches a long list a lot at a time, and another lot for each Show more", () => {
    const first = buildFilter(emptyFilters());
    expect(first.limit).toBe(LIST_LIMIT + 1);
    expect(hasMore(first, LIST_LIMIT + 1)).toBe(true);
    expect(hasMore(first, LIST_LIMIT)).toBe(false);
    expect(hasMore(first, 591)).toBe(false);
    const third = buildFilter(emptyFilters(), 3);
    expect(third.limit).toBe(3 * LIST_LIMIT + 1);
    expect(sameFilter(first, third)).toBe(false);
    expect(buildFilter({ ...emptyFilters(), search: "ma" }, 2).limit).toBe(2 * SEARCH_LIMIT + 1);
  });

  it("shows all it fetched but the row that only says there are more", () => {
    const filter = buildFilter({ ...emptyFilters(), search: "ma" });
    const fetched = Array.from({ length: SEARCH_LIMIT + 1 }, (_, i) => ({ id: `p${i}` }) as PersonSummary);
    expect(shownPeople(filter, fetched)).toHaveLength(SEARCH_LIMIT);
    expect(shownPeople(filter, fetched.slice(0, 5))).toHaveLength(5);
    const { limit: _limit, ...unlimited } = filter;
    expect(shownPeople(unlimited, fetched)).toHaveLength(SEARCH_LIMIT + 1);
  });

  it("compares filters by value", () => {
    expect(sameFilter(buildFilter(emptyFilters()), buildFilter(emptyFilters()))).toBe(true);
    expect(sameFilter(buildFilter(emptyFilters()), buildFilter({ ...emptyFilters(), search: "a" }))).toBe(false);
  });
});

describe("noMatches", () => {
  const base = buildFilter(emptyFilters());
  it("says what found nothing", () => {
    expect(noMatches({ ...base, search: "Xavier" })).toBe("Nobody matches “Xavier”.");
    expect(noMatches({ ...base, kind: "pupil", search: "Xavier" })).toBe("No pupils match “Xavier”.");
    expect(noMatches({ ...base, kind: "pupil", class: "Oak" })).toBe("No pupils match these filters.");
  });

  it("falls back to the empty-database sentence when nothing narrows the list", () => {
    expect(noMatches(base)).toBe("There is nobody in the database yet.");
  });
});
