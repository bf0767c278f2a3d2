// What each role may do, so the window offers only what the user can use. The
// core decides: it refuses anything a role may not do, whatever the window
// shows. The list is generated from the core's own rules (Permission::allows)
// into bindings.ts, so the two cannot drift apart.
import { ROLE_PERMISSIONS, type Permission, type Role } from "./bindings";

export type { Permission };

/** Whether `role` may do `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
