import { describe, expect, it } from "vitest";
import client from "./commands.ts?raw";

// Every page and module of the window, as text, apart from the client itself and the tests.
const sources = import.meta.glob<string>(
  ["../**/*.ts", "../**/*.svelte", "!../**/*.test.ts", "!./commands.ts", "!./bindings.ts"],
  { query: "?raw", import: "default", eager: true },
);

describe("the generated client", () => {
  const names = [...client.matchAll(/^export function (\w+)\(/gm)].map((m) => m[1] ?? "");

  it("has a function for each command", () => {
    expect(names.length).toBeGreaterThan(60);
    expect(names).toContain("importClearLeavers");
  });

  it("has no command that the window never calls", () => {
    const text = Object.values(sources).join("\n");
    const unused = names.filter((name) => !new RegExp(`\\b${name}\\b`).test(text));
    expect(unused).toEqual([]);
  });
});
