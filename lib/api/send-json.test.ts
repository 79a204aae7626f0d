import { describe, expect, it } from "vitest";
import { recordingFetch } from "@/lib/testing/recording-fetch";
import { sendJson } from "./send-json";

// Browser-side: fetch is replaced by a recorder answering real Response objects.
const fake = recordingFetch();

describe("sendJson", () => {
  it("sends the body as JSON and gives back the answer's body", async () => {
    fake.answer = () => Response.json({ id: "env-1" }, { status: 201 });
    expect(await sendJson("/api/environments", "POST", { name: "Staging" })).toEqual({
      ok: true,
      body: { id: "env-1" },
    });
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.url).toBe("/api/environments");
    expect(fake.calls[0]?.init?.method).toBe("POST");
    expect(fake.calls[0]?.init?.body).toBe('{"name":"Staging"}');
    expect(new Headers(fake.calls[0]?.init?.headers).get("content-type")).toBe("application/json");
  });

  it("sends no body when there is none, and accepts an empty answer", async () => {
    fake.answer = () => new Response(null, { status: 204 });
    expect(await sendJson("/api/environments/1", "DELETE")).toEqual({ ok: true, body: undefined });
    expect(fake.calls[0]?.init?.body).toBeUndefined();
  });

  it("passes on the route's error message and field errors", async () => {
    fake.answer = () =>
      Response.json(
        {
          error: {
            code: "invalid_request",
            message: "Fix the fields",
            fields: [{ path: "name", message: "Enter a name" }],
          },
        },
        { status: 400 },
      );
    expect(await sendJson("/api/x", "PUT", {})).toEqual({
      ok: false,
      message: "Fix the fields",
      fields: [{ path: "name", message: "Enter a name" }],
    });
    fake.answer = () =>
      Response.json({ error: { code: "forbidden", message: "Admins only" } }, { status: 403 });
    expect(await sendJson("/api/x", "PUT", {})).toEqual({ ok: false, message: "Admins only", fields: [] });
  });

  it("names the status of an answer that is not ours", async () => {
    fake.answer = () => new Response("<html>502</html>", { status: 502 });
    expect(await sendJson("/api/x", "POST", {})).toEqual({
      ok: false,
      message: "The server answered 502.",
      fields: [],
    });
  });

  it("says the server could not be reached when fetch fails", async () => {
    fake.answer = () => {
      throw new TypeError("fetch failed");
    };
    expect(await sendJson("/api/x", "POST", {})).toEqual({
      ok: false,
      message: "The console's server could not be reached.",
      fields: [],
    });
  });
});
