import { describe, expect, it } from "vitest";
import type { SendOutcome } from "@/lib/outcome/schema";
import { recordingFetch } from "@/lib/testing/recording-fetch";
import { resendEntry } from "./resend-entry";

// Browser-side: fetch is replaced by a recorder answering real Response objects.
const fake = recordingFetch();

describe("resendEntry", () => {
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
    fake.answer = () => Response.json({ outcome });
    expect(await resendEntry("id/1")).toEqual({ ok: true, outcome });
    expect(fake.calls.map((call) => [call.url, call.init?.method])).toEqual([["/api/history/id%2F1/resend", "POST"]]);
  });

  it("passes on the server's refusal", async () => {
    fake.answer = () => Response.json({ error: { code: "conflict", message: "Still pending" } }, { status: 409 });
    expect(await resendEntry("id")).toEqual({ ok: false, message: "Still pending", fields: [] });
  });

  it("says nothing was sent when the server can't be reached", async () => {
    fake.answer = () => {
      throw new TypeError("fetch failed");
    };
    expect(await resendEntry("id")).toEqual({
      ok: false,
      message: "The console's server could not be reached. Nothing was sent.",
      fields: [],
    });
  });
});
