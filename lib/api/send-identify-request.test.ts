import { describe, expect, it } from "vitest";
import { recordingFetch } from "@/lib/testing/recording-fetch";
import type { IdentifyFormValues } from "@/lib/identify/schema";
import type { SendOutcome } from "@/lib/outcome/schema";
import { parseSendResponse, postIdentify } from "./send-identify-request";

// Browser-side: fetch is replaced by a recorder answering real Response objects.
const fake = recordingFetch();

const values: IdentifyFormValues = {
  userId: "user_001",
  companyId: "",
  properties: [{ name: "plan", type: "string", value: "pro" }],
  companyProperties: [],
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

describe("postIdentify", () => {
  it("posts the form values as JSON and gives back the outcome", async () => {
    fake.answer = () => Response.json({ outcome });
    expect(await postIdentify(values)).toEqual({ ok: true, outcome });
    expect(fake.calls[0]?.url).toBe("/api/identify");
    expect(fake.calls[0]?.init?.method).toBe("POST");
    expect(JSON.parse(String(fake.calls[0]?.init?.body))).toEqual(values);
    expect(new Headers(fake.calls[0]?.init?.headers).get("content-type")).toBe("application/json");
  });

  it("names the replayed entry and the environment in the query", async () => {
    fake.answer = () => Response.json({ outcome });
    await postIdentify(values, { replayOf: "h0", environment: "env 1" });
    await postIdentify(values, { environment: "env-2" });
    expect(fake.calls.map((call) => call.url)).toEqual([
      "/api/identify?replayOf=h0&environment=env+1",
      "/api/identify?environment=env-2",
    ]);
  });

  it("keeps the input when the server can't be reached", async () => {
    fake.answer = () => {
      throw new TypeError("fetch failed");
    };
    expect(await postIdentify(values)).toEqual({
      ok: false,
      message: "The console's server could not be reached. Nothing was sent; your input is kept.",
      fields: [],
    });
  });
});

describe("parseSendResponse", () => {
  it("passes on the route's error and its fields", async () => {
    const body = {
      error: {
        code: "invalid_request",
        message: "Fix it",
        fields: [{ path: "userId", message: "Enter a user id" }],
      },
    };
    expect(await parseSendResponse(Response.json(body, { status: 400 }))).toEqual({
      ok: false,
      message: "Fix it",
      fields: [{ path: "userId", message: "Enter a user id" }],
    });
    expect(
      await parseSendResponse(Response.json({ error: { code: "x", message: "No" } }, { status: 409 })),
    ).toEqual({
      ok: false,
      message: "No",
      fields: [],
    });
  });

  it("tells to check the history when the answer is not one it knows", async () => {
    const unexpected = {
      ok: false,
      message: "The console's server answered 502 unexpectedly. Check the history before sending again.",
      fields: [],
    };
    expect(await parseSendResponse(new Response("<html>", { status: 502 }))).toEqual(unexpected);
    // An outcome in a failed answer, or a broken outcome in a success, is not trusted either.
    expect(await parseSendResponse(Response.json({ outcome }, { status: 502 }))).toEqual(unexpected);
    expect(await parseSendResponse(Response.json({ outcome: { status: 202 } }, { status: 200 }))).toEqual({
      ...unexpected,
      message: "The console's server answered 200 unexpectedly. Check the history before sending again.",
    });
  });
});
