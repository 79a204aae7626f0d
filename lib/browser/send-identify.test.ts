import { describe, expect, it } from "vitest";
import { recordingFetch } from "@/lib/testing/recording-fetch";
import type { IdentifySendRequest } from "@/lib/identify/send-request";
import type { SendOutcome } from "@/lib/outcome/schema";
import { sendIdentify } from "./send-identify";

// Browser-side: fetch is replaced by a recorder answering real Response objects.
const fake = recordingFetch();

const request: IdentifySendRequest = {
  environmentId: "env-1",
  replayOf: null,
  values: {
    userId: "user_001",
    companyId: "",
    properties: [{ name: "plan", type: "string", value: "pro" }],
    companyProperties: [],
  },
};

const outcome: SendOutcome = {
  historyId: "h1",
  status: "202",
  httpStatus: 202,
  requestId: "req_1",
  latencyMs: 10,
  attempts: 1,
  message: null,
  fieldErrors: [],
};

const unexpected = (status: number) => ({
  ok: false,
  message: `The console's server answered ${status} unexpectedly. Check the history before sending again.`,
  fields: [],
});

describe("sendIdentify", () => {
  it("posts the one request shape as JSON, nothing in the query, and gives back the outcome", async () => {
    fake.answer = () => Response.json({ outcome });
    expect(await sendIdentify(request)).toEqual({ ok: true, outcome });
    expect(fake.calls[0]?.url).toBe("/api/identify");
    expect(fake.calls[0]?.init?.method).toBe("POST");
    expect(JSON.parse(String(fake.calls[0]?.init?.body))).toEqual(request);
    expect(new Headers(fake.calls[0]?.init?.headers).get("content-type")).toBe("application/json");
  });

  it("names the form's fields: the body's `values.` prefix is dropped, paths outside the values too", async () => {
    fake.answer = () =>
      Response.json(
        {
          error: {
            code: "invalid_request",
            message: "Fix it",
            fields: [
              { path: "values.userId", message: "Enter a user id" },
              { path: "values.properties.0.value", message: "Too long" },
              { path: "environmentId", message: "Pick another" },
            ],
          },
        },
        { status: 400 },
      );
    expect(await sendIdentify(request)).toEqual({
      ok: false,
      message: "Fix it",
      fields: [
        { path: "userId", message: "Enter a user id" },
        { path: "properties.0.value", message: "Too long" },
      ],
    });
    fake.answer = () =>
      Response.json({ outcome: { ...outcome, fieldErrors: [{ path: "values.companyId", message: "taken" }] } });
    expect(await sendIdentify(request)).toEqual({
      ok: true,
      outcome: { ...outcome, fieldErrors: [{ path: "companyId", message: "taken" }] },
    });
  });

  it("passes on an error without fields", async () => {
    fake.answer = () => Response.json({ error: { code: "no_environment", message: "No" } }, { status: 409 });
    expect(await sendIdentify(request)).toEqual({ ok: false, message: "No", fields: [] });
  });

  it("keeps the input when the server can't be reached", async () => {
    fake.answer = () => {
      throw new TypeError("fetch failed");
    };
    expect(await sendIdentify(request)).toEqual({
      ok: false,
      message: "The console's server could not be reached. Nothing was sent; your input is kept.",
      fields: [],
    });
  });

  it("tells to check the history when the answer is not one it knows", async () => {
    fake.answer = () => new Response("<html>", { status: 502 });
    expect(await sendIdentify(request)).toEqual(unexpected(502));
    // An outcome in a failed answer, or a broken outcome in a success, is not trusted either.
    fake.answer = () => Response.json({ outcome }, { status: 502 });
    expect(await sendIdentify(request)).toEqual(unexpected(502));
    fake.answer = () => Response.json({ outcome: { status: 202 } }, { status: 200 });
    expect(await sendIdentify(request)).toEqual(unexpected(200));
  });
});
