import { describe, expect, it } from "vitest";
import { createMemoryStore } from "./memory-store";

const user = (userId: string, companyId: string | null) => ({
  user_id: userId,
  metadata: { plan: "pro" },
  company_id: companyId,
  updated_at: "2030-01-01T00:00:00.000Z",
});

describe("createMemoryStore", () => {
  it("returns what was saved, and undefined for unknown ids", async () => {
    const store = createMemoryStore();
    await store.saveUser(user("u1", "c1"));
    await store.saveCompany({ company_id: "c1", metadata: { name: "Acme" }, updated_at: "x" });
    expect(await store.getUser("u1")).toEqual(user("u1", "c1"));
    expect((await store.getCompany("c1"))?.metadata).toEqual({ name: "Acme" });
    expect(await store.getUser("u2")).toBeUndefined();
    expect(await store.getCompany("c2")).toBeUndefined();
  });

  it("hands out copies, so callers cannot change stored profiles", async () => {
    const store = createMemoryStore();
    const saved = user("u1", null);
    await store.saveUser(saved);
    saved.metadata.plan = "changed";
    const read = await store.getUser("u1");
    if (read) read.metadata.plan = "changed again";
    expect((await store.getUser("u1"))?.metadata.plan).toBe("pro");
  });

  it("hands out copies of companies too", async () => {
    const store = createMemoryStore();
    const saved = { company_id: "c1", metadata: { name: "Acme" }, updated_at: "t" };
    await store.saveCompany(saved);
    saved.metadata.name = "changed";
    const read = await store.getCompany("c1");
    if (read) read.metadata.name = "changed again";
    expect((await store.getCompany("c1"))?.metadata).toEqual({ name: "Acme" });
  });

  it("lists the users of a company", async () => {
    const store = createMemoryStore();
    await store.saveUser(user("u1", "c1"));
    await store.saveUser(user("u2", "c2"));
    await store.saveUser(user("u3", "c1"));
    expect(await store.listUsersOfCompany("c1")).toEqual(["u1", "u3"]);
  });

  it("forgets everything on clear", async () => {
    const store = createMemoryStore();
    await store.saveUser(user("u1", "c1"));
    await store.saveCompany({ company_id: "c1", metadata: {}, updated_at: "x" });
    await store.clear?.();
    expect(await store.getUser("u1")).toBeUndefined();
    expect(await store.getCompany("c1")).toBeUndefined();
  });
});
