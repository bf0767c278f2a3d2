import { describe, expect, it } from "vitest";
import { PASSWORDS_DIFFER, checkCreate, checkDemo, createFieldOf, demoFieldOf } from "./welcomeForm";

const filled = {
  school: "Juniper Hill Primary School",
  displayName: "Joan Patel",
  username: "jpatel",
  password: "three blind mice",
  again: "three blind mice",
};

describe("checkCreate", () => {
  it("finds nothing wrong with a filled-in form", () => {
    expect(checkCreate(filled)).toEqual({});
  });

  it("names every empty field at once", () => {
    const problems = checkCreate({ school: " ", displayName: "", username: "", password: "", again: "" });
    expect(Object.keys(problems).sort()).toEqual(["display_name", "password", "school", "username"]);
  });

  it("refuses two passwords that differ, next to the second", () => {
    const problems = checkCreate({ ...filled, again: "three blind mica" });
    expect(problems).toEqual({ again: PASSWORDS_DIFFER });
  });

  it("leaves a short password to the core, which knows the rule", () => {
    expect(checkCreate({ ...filled, password: "short", again: "short" })).toEqual({});
  });
});

describe("checkDemo", () => {
  it("needs a username and a password", () => {
    expect(checkDemo("head", "a long enough phrase")).toEqual({});
    expect(Object.keys(checkDemo("", ""))).toEqual(["username", "password"]);
  });
});

describe("where the core's answer goes", () => {
  it("puts a field problem next to its field", () => {
    expect(createFieldOf({ kind: "invalid_input", field: "school name", reason: "Enter the school's name." })).toBe(
      "school",
    );
    expect(createFieldOf({ kind: "invalid_input", field: "name", reason: "Enter the person's name." })).toBe(
      "display_name",
    );
    expect(createFieldOf({ kind: "invalid_input", field: "password", reason: "Use at least 10 characters." })).toBe(
      "password",
    );
    expect(demoFieldOf({ kind: "invalid_input", field: "username", reason: "Use 2 to 40 letters." })).toBe("username");
  });

  it("puts anything else above the form", () => {
    expect(createFieldOf({ kind: "already_exists", path: "/tmp/a.db" })).toBeNull();
    expect(demoFieldOf({ kind: "invalid_input", field: "school name", reason: "x" })).toBeNull();
    expect(demoFieldOf(new Error("x"))).toBeNull();
  });
});
