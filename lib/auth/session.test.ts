import { afterEach, describe, expect, it, vi } from "vitest";
import { currentActor, forgetActors } from "./session";

type Lookup = NonNullable<Parameters<typeof currentActor>[1]>;

function sessionOf(role: string, banned = false, expiresAt = new Date(Date.now() + 3_600_000)) {
  return {
    user: { id: "u1", email: "jo@example.test", name: "Jo", role, banned },
    session: { expiresAt },
  };
}

/** A lookup answering `answer`, counting its calls. */
function counting(answer: () => unknown) {
  const lookup = Object.assign(
    (async () => {
      lookup.calls += 1;
      return answer() as never;
    }) as Lookup,
    { calls: 0 },
  );
  return lookup;
}

afterEach(() => {
  vi.restoreAllMocks();
});

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

describe("currentActor", () => {
  it("reads the staff member from the session, an unknown role as viewer, and a banned account as nobody", async () => {
    expect(await currentActor(new Headers({ cookie: "s=read" }), async () => sessionOf("operator") as never)).toEqual({
      id: "u1",
      email: "jo@example.test",
      name: "Jo",
      role: "operator",
    });
    expect(await currentActor(new Headers({ cookie: "s=odd-role" }), async () => sessionOf("owner") as never)).toMatchObject({ role: "viewer" });
    expect(await currentActor(new Headers({ cookie: "s=banned" }), async () => sessionOf("admin", true) as never)).toBeNull();
    expect(await currentActor(new Headers({ cookie: "s=none" }), async () => null)).toBeNull();
  });

  it("keeps a verdict 5 seconds, and nobody's too", async () => {
    const now = vi.spyOn(Date, "now").mockReturnValue(1_000_000);
    const signedIn = counting(() => sessionOf("admin", false, new Date(9_000_000)));
    const nobody = counting(() => null);
    const cookie = new Headers({ cookie: "s=five-seconds" });
    const other = new Headers({ cookie: "s=nobody" });
    await currentActor(cookie, signedIn);
    await currentActor(other, nobody);
    now.mockReturnValue(1_004_999);
    expect(await currentActor(cookie, signedIn)).toMatchObject({ role: "admin" });
    expect(await currentActor(other, nobody)).toBeNull();
    expect([signedIn.calls, nobody.calls]).toEqual([1, 1]);
    now.mockReturnValue(1_005_000);
    await currentActor(cookie, signedIn);
    await currentActor(other, nobody);
    expect([signedIn.calls, nobody.calls]).toEqual([2, 2]);
  });

  it("never keeps a verdict past the session's expiry", async () => {
    const now = vi.spyOn(Date, "now").mockReturnValue(2_000_000);
    const expiring = counting(() => sessionOf("admin", false, new Date(2_001_000)));
    const cookie = new Headers({ cookie: "s=expiring" });
    await currentActor(cookie, expiring);
    now.mockReturnValue(2_000_999);
    await currentActor(cookie, expiring);
    expect(expiring.calls).toBe(1);
    now.mockReturnValue(2_001_000);
    await currentActor(cookie, expiring);
    expect(expiring.calls).toBe(2);
  });

  it("keeps nothing for a request without a cookie", async () => {
    const lookup = counting(() => sessionOf("admin"));
    await currentActor(new Headers(), lookup);
    await currentActor(new Headers(), lookup);
    expect(lookup.calls).toBe(2);
  });

  it("holds at most 1,000 verdicts, starting over when full", async () => {
    forgetActors();
    const lookup = counting(() => sessionOf("viewer"));
    const cookie = (i: number) => new Headers({ cookie: `s=full-${i}` });
    for (let i = 0; i < 1000; i++) await currentActor(cookie(i), lookup);
    await currentActor(cookie(0), lookup);
    expect(lookup.calls).toBe(1000);
    await currentActor(cookie(1000), lookup);
    await currentActor(cookie(1), lookup);
    expect(lookup.calls).toBe(1002);
    await currentActor(cookie(1000), lookup);
    expect(lookup.calls).toBe(1002);
  });
});
