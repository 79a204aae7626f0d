import { describe, expect, it } from "vitest";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { audit, listAudit, listAuditOf } from "./audit-log";

withTempAppDatabase("audit-log-test");

describe("audit log", () => {
  it("records who did what to what, with details, and lists it newest first", async () => {
    const before = Date.now();
    await audit("admin@example.com", "environment.created", "env-1", { name: "Staging", production: false });
    await audit("admin@example.com", "history.exported", null);
    await audit("ops@example.com", "environment.deleted", "env-1", { name: "Staging" });
    await audit("admin@example.com", "user.created", "user-9", { role: "viewer", count: 1, note: null });

    const entries = await listAudit();
    expect(entries.map((entry) => [entry.actor, entry.action, entry.target])).toEqual([
      ["admin@example.com", "user.created", "user-9"],
      ["ops@example.com", "environment.deleted", "env-1"],
      ["admin@example.com", "history.exported", null],
      ["admin@example.com", "environment.created", "env-1"],
    ]);
    expect(entries.map((entry) => JSON.parse(entry.details) as unknown)).toEqual([
      { role: "viewer", count: 1, note: null },
      { name: "Staging" },
      {},
      { name: "Staging", production: false },
    ]);
    for (const entry of entries) {
      expect(entry.at).toBeGreaterThanOrEqual(before);
      expect(entry.at).toBeLessThanOrEqual(Date.now());
    }

    expect((await listAudit(2)).map((entry) => entry.action)).toEqual(["user.created", "environment.deleted"]);
  });

  it("lists the entries about one target, newest first", async () => {
    expect((await listAuditOf("env-1")).map((entry) => entry.action)).toEqual(["environment.deleted", "environment.created"]);
    expect((await listAuditOf("env-1", 1)).map((entry) => entry.action)).toEqual(["environment.deleted"]);
    expect(await listAuditOf("nobody")).toEqual([]);
  });

  it("keeps the last 200 entries in a default listing", async () => {
    for (let i = 0; i < 200; i++) await audit("bulk@example.com", "history.exported", "bulk");
    expect(await listAudit()).toHaveLength(200);
    expect(await listAuditOf("bulk")).toHaveLength(200);
    expect((await listAudit()).every((entry) => entry.actor === "bulk@example.com")).toBe(true);
  });
});
