import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { eraseUserHistory, reviewUserErasure } from "./erase-user-history";

// Browser-side: fetch is replaced by a recorder answering real Response objects.

const realFetch = globalThis.fetch;
let calls: { url: string; method: string }[];
let answer: Response;

beforeEach(() => {
  calls = [];
  globalThis.fetch = async (input, init) => {
    calls.push({ url: String(input), method: init?.method ?? "GET" });
    return answer;
  };
});

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe("reviewUserErasure", () => {
  it("asks for the count of one user's rows, the id encoded", async () => {
    answer = Response.json({ count: 3, sandboxProfile: true });
    expect(await reviewUserErasure("user/1 ?")).toEqual({ count: 3, sandboxProfile: true });
    expect(calls).toEqual([{ url: "/api/history/users/user%2F1%20%3F", method: "GET" }]);
  });

  it("fails with the status when the server refuses", async () => {
    answer = Response.json({ error: { message: "no" } }, { status: 403 });
    await expect(reviewUserErasure("u1")).rejects.toThrow(new Error("Counting failed: the server answered 403"));
  });

  it("fails with the route's own message when it answers one", async () => {
    answer = Response.json({ error: { code: "forbidden", message: "Admins only" } }, { status: 403 });
    await expect(reviewUserErasure("u1")).rejects.toThrow(new Error("Counting failed: Admins only"));
  });

  it("fails on an answer of the wrong shape", async () => {
    answer = Response.json({ count: "3" });
    await expect(reviewUserErasure("u1")).rejects.toThrow(new Error("Counting failed: the server answered 200"));
  });
});

describe("eraseUserHistory", () => {
  it("deletes one user's rows and says how many went", async () => {
    answer = Response.json({ deleted: 4 });
    expect(await eraseUserHistory("user/1")).toBe(4);
    expect(calls).toEqual([{ url: "/api/history/users/user%2F1", method: "DELETE" }]);
  });

  it("fails with the status when the server refuses", async () => {
    answer = new Response("oops", { status: 500 });
    await expect(eraseUserHistory("u1")).rejects.toThrow(new Error("Erasing failed: the server answered 500"));
  });

  it("fails on an answer of the wrong shape", async () => {
    answer = Response.json({ deleted: 1.5 });
    await expect(eraseUserHistory("u1")).rejects.toThrow(new Error("Erasing failed: the server answered 200"));
  });

  it("says when the server could not be reached", async () => {
    globalThis.fetch = async () => {
      throw new TypeError("fetch failed");
    };
    await expect(eraseUserHistory("u1")).rejects.toThrow(
      new Error("Erasing failed: the console's server could not be reached"),
    );
  });
});
