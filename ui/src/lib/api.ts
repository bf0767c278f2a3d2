// Typed wrappers for the Tauri commands. A failing command rejects with the
// ApiError value the Rust side serialised; pass it to describeError().
import { invoke } from "@tauri-apps/api/core";
import type { Dashboard, Filter, Launch, PersonDetail, PersonSummary } from "./bindings";

export function launchState(): Promise<Launch> {
  return invoke<Launch>("launch_state");
}

export function createSchool(name: string): Promise<Dashboard> {
  return invoke<Dashboard>("create_school", { name });
}

export function openDemo(): Promise<Dashboard> {
  return invoke<Dashboard>("open_demo");
}

export function dashboard(): Promise<Dashboard> {
  return invoke<Dashboard>("dashboard");
}

export function listPeople(filter: Filter): Promise<PersonSummary[]> {
  return invoke<PersonSummary[]>("list_people", { filter });
}

export function personDetail(id: string): Promise<PersonDetail> {
  return invoke<PersonDetail>("person_detail", { id });
}
