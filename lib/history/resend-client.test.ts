import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SendOutcome } from "@/lib/outcome/schema";
import { resendRequest } from "./resend-client";

// Browser-side: fetch is replaced by a recorder answering real Response objects.

const realFetch = globalThis.fetch;
let calls: { url: string; method: string | undefined }[];
let answer: () => Response;

beforeEach(() => {
  calls = [];
  globalThis.fetch = async (input, init) => {
    calls.push({ url: String(input), method: init?.method });
    return answer();
  };
});

afterEach(() => {
  globalThis.fetch = realFetch;
});

describe("resendRequest", () => {
  it("posts to the entry's resend route and gives back the outcome", async () => {
    const outcome: SendOutcome = {
      historyId: "new-id",
      status: "202",
      httpStatus: 202,
      requestId: "req_1",
      latencyMs: 20,
      attempts: 1,
      message: null,
      fieldErrors: [],
    };
    answer = () => Response.json({ outcome });
    expect(await resendRequest("id/1")).toEqual({ ok: true, outcome });
    expect(calls).toEqual([{ url: "/api/history/id%2F1/resend", method: "POST" }]);
  });

  it("passes on the server's refusal", async () => {
    answer = () => Response.json({ error: { code: "conflict", message: "Still pending" } }, { status: 409 });
    expect(await resendRequest("id")).toEqual({ ok: false, message: "Still pending", fields: [] });
  });

  it("says nothing was sent when the server can't be reached", async () => {
    answer = () => {
      throw new TypeError("fetch failed");
    };
    expect(await resendRequest("id")).toEqual({
      ok: false,
      message: "The console's server could not be reached. Nothing was sent.",
      fields: [],
    });
  });
});
