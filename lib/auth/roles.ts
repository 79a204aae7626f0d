/** Who may do what. Universal: the server enforces it, the UI hides what a role can't do. */

export const ROLES = ["viewer", "operator", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Viewer: reads history",
  operator: "Operator: also sends, resends, runs bulk jobs",
  admin: "Admin: also manages environments, keys, users, retention",
};

export type Permission =
  | "history:read"
  | "identify:send"
  | "history:erase"
  | "environments:manage"
  | "users:manage"
  | "audit:read";

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ["history:read"],
  operator: ["history:read", "identify:send"],
  admin: ["history:read", "identify:send", "history:erase", "environments:manage", "users:manage", "audit:read"],
};

export function asRole(value: unknown): Role {
  return ROLES.includes(value as Role) ? (value as Role) : "viewer";
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
