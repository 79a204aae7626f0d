import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { withTempAppDatabase } from "@/lib/testing/temp-app-db";
import { eraseUser, erasurePreview } from "./erasure";
import { requestRow } from "./testing/request-row";

// Erasure on the app's own db() singleton, pointed at a temp SQLite file with the real migrations.
withTempAppDatabase("history-erasure-test");

const BASE = Date.UTC(2025, 0, 1);

beforeEach(async () => {
  const database = await db();
  await database.deleteFrom("requests").execute();
  await database.deleteFrom("sandbox_users").execute();
  await database
    .insertInto("requests")
    .values([
      requestRow({ id: "a-1", user_id: "erase_me", created_at: BASE }),
      requestRow({ id: "a-2", user_id: "erase_me", created_at: BASE + 1 }),
      requestRow({ id: "b-1", user_id: "keep_me", created_at: BASE }),
    ])
    .execute();
  await database
    .insertInto("sandbox_users")
    .values(
      ["erase_me", "keep_me"].map((user_id) => ({ user_id, metadata: "{}", company_id: null, updated_at: new Date(BASE).toISOString() })),
    )
    .execute();
});

describe("erasurePreview", () => {
  it("counts one user's rows and says whether the sandbox keeps a profile of them", async () => {
    expect(await erasurePreview("erase_me")).toEqual({ count: 2, sandboxProfile: true });
    expect(await erasurePreview("nobody")).toEqual({ count: 0, sandboxProfile: false });
  });
});

describe("eraseUser", () => {
  it("deletes one user's rows and sandbox profile, and nobody else's", async () => {
    expect(await eraseUser("erase_me")).toEqual({ deleted: 2, sandboxProfileDeleted: true });
    expect(await erasurePreview("erase_me")).toEqual({ count: 0, sandboxProfile: false });
    expect(await erasurePreview("keep_me")).toEqual({ count: 1, sandboxProfile: true });
    expect(await eraseUser("erase_me")).toEqual({ deleted: 0, sandboxProfileDeleted: false });
  });
});
