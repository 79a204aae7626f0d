import { describe, expect, it } from "vitest";
import { currentActor, forgetActors } from "./session";

type Lookup = NonNullable<Parameters<typeof currentActor>[1]>;

function sessionOf(role: string, banned = false) {
  return {
    user: { id: "u1", email: "jo@example.test", name: "Jo", role, banned },
    session: { expiresAt: new Date(Date.now() + 3_600_000) },
  };
}

describe("the session memo", () => {
  it("doesn't keep what a lookup read before a role change or ban cleared it", async () => {
    const cookie = new Headers({ cookie: "session=memo-race" });
    let release: () => void = () => {};
    const slowStale: Lookup = () =>
      new Promise((resolve) => {
        release = () => resolve(sessionOf("admin") as never);
      });
    // A request starts its lookup while the account is still an admin...
    const inFlight = currentActor(cookie, slowStale);
    // ...the admin is demoted, which clears the memo, and only then does the old lookup finish.
    forgetActors();
    release();
    expect(await inFlight).toMatchObject({ role: "admin" });

    const fresh: Lookup = async () => sessionOf("viewer") as never;
    expect(await currentActor(cookie, fresh)).toMatchObject({ role: "viewer" });
  });

  it("reuses a verdict within its few seconds when nothing cleared it", async () => {
    const cookie = new Headers({ cookie: "session=memo-reuse" });
    let calls = 0;
    const counting: Lookup = async () => {
      calls += 1;
      return sessionOf("operator") as never;
    };
    await currentActor(cookie, counting);
    expect(await currentActor(cookie, counting)).toMatchObject({ role: "operator" });
    expect(calls).toBe(1);
    forgetActors();
    await currentActor(cookie, counting);
    expect(calls).toBe(2);
  });
});
