import { describe, expect, it } from "vitest";
import { asRole, can, ROLE_LABELS, ROLES, type Permission, type Role } from "./roles";

const ALL: Permission[] = ["history:read", "identify:send", "history:erase", "environments:manage", "users:manage", "audit:read"];
const granted = (role: Role) => ALL.filter((permission) => can(role, permission));

describe("roles", () => {
  it("grants each role exactly what its label promises", () => {
    expect(granted("viewer")).toEqual(["history:read"]);
    expect(granted("operator")).toEqual(["history:read", "identify:send"]);
    expect(granted("admin")).toEqual(ALL);
    expect(ROLE_LABELS).toEqual({
      viewer: "Viewer: reads history",
      operator: "Operator: also sends, resends, runs bulk jobs",
      admin: "Admin: also manages environments, keys, users, retention",
    });
  });

  it("reads a stored role, and anything unknown as the least privileged one", () => {
    for (const role of ROLES) expect(asRole(role)).toBe(role);
    expect(ROLES).toEqual(["viewer", "operator", "admin"]);
    expect(asRole("owner")).toBe("viewer");
    expect(asRole("")).toBe("viewer");
    expect(asRole(null)).toBe("viewer");
    expect(asRole(undefined)).toBe("viewer");
  });
});
