import { describe, expect, it } from "vitest";
import { ShowMore } from "./showMore.svelte";

describe("ShowMore", () => {
  it("adds a lot each time, and starts again at one lot when the list changes", () => {
    const paging = new ShowMore();
    expect(paging.lots("tab=ready")).toBe(1);
    paging.more("tab=ready");
    paging.more("tab=ready");
    expect(paging.lots("tab=ready")).toBe(3);
    expect(paging.lots("tab=blocked")).toBe(1);
    paging.more("tab=blocked");
    expect(paging.lots("tab=blocked")).toBe(2);
    expect(paging.lots("tab=ready")).toBe(1);
  });

  it("forgets everything on reset", () => {
    const paging = new ShowMore();
    paging.more("all");
    paging.reset();
    expect(paging.lots("all")).toBe(1);
  });
});
