import { describe, expect, it } from "vitest";
import { z } from "zod";
import { recordingFetch } from "@/lib/testing/recording-fetch";
import { requestJson, requestJsonOrThrow } from "./request-json";

// Browser-side: fetch is replaced by a recorder answering real Response objects.
const fake = recordingFetch();
const idSchema = z.object({ id: z.string() });

describe("requestJson", () => {
  it("sends the body as JSON and reads the answer with the schema", async () => {
    fake.answer = () => Response.json({ id: "env-1", extra: true }, { status: 201 });
    expect(await requestJson("/api/environments", idSchema, { method: "POST", body: { name: "Staging" } })).toEqual({
      ok: true,
      data: { id: "env-1" },
    });
    expect(fake.calls).toHaveLength(1);
    const [call] = fake.calls;
    expect(call?.url).toBe("/api/environments");
    expect(call?.init?.method).toBe("POST");
    expect(call?.init?.body).toBe('{"name":"Staging"}');
    expect(new Headers(call?.init?.headers).get("content-type")).toBe("application/json");
    expect(new Headers(call?.init?.headers).get("accept")).toBe("application/json");
  });

  it("GETs without a body or content type by default, and accepts an empty 204", async () => {
    fake.answer = () => new Response(null, { status: 204 });
    expect(await requestJson("/api/x", z.undefined())).toEqual({ ok: true, data: undefined });
    expect(fake.calls[0]?.init?.method).toBe("GET");
    expect(fake.calls[0]?.init?.body).toBeUndefined();
    expect(new Headers(fake.calls[0]?.init?.headers).has("content-type")).toBe(false);
  });

  it("passes on the route's code, message and field errors", async () => {
    fake.answer = () =>
      Response.json(
        { error: { code: "invalid_request", message: "Fix the fields", fields: [{ path: "name", message: "Enter a name" }] } },
        { status: 400 },
      );
    expect(await requestJson("/api/x", idSchema, { method: "PUT", body: {} })).toEqual({
      ok: false,
      status: 400,
      code: "invalid_request",
      message: "Fix the fields",
      fields: [{ path: "name", message: "Enter a name" }],
    });
    fake.answer = () => Response.json({ error: { code: "forbidden", message: "Admins only" } }, { status: 403 });
    expect(await requestJson("/api/x", idSchema)).toMatchObject({ status: 403, code: "forbidden", fields: [] });
  });

  it("names the status of an answer that is not ours, or says what the caller asked", async () => {
    fake.answer = () => new Response("<html>Bad gateway</html>", { status: 502 });
    expect(await requestJson("/api/x", idSchema)).toEqual({
      ok: false,
      status: 502,
      code: null,
      message: "The console's server answered 502 unexpectedly.",
      fields: [],
    });
    expect(await requestJson("/api/x", idSchema, { unexpected: (status) => `Got ${status}; check the history.` })).toMatchObject({
      message: "Got 502; check the history.",
    });
  });

  it("refuses a 2xx answer whose body does not match the schema", async () => {
    fake.answer = () => Response.json({ id: 7 });
    expect(await requestJson("/api/x", idSchema)).toMatchObject({ ok: false, status: 200, code: null });
  });

  it("says the server could not be reached when fetch itself fails", async () => {
    fake.answer = () => {
      throw new TypeError("Failed to fetch");
    };
    expect(await requestJson("/api/x", idSchema)).toEqual({
      ok: false,
      status: null,
      code: null,
      message: "The console's server could not be reached.",
      fields: [],
    });
    expect(await requestJson("/api/x", idSchema, { unreachable: "Nothing was sent." })).toMatchObject({ message: "Nothing was sent." });
  });
});

describe("requestJsonOrThrow", () => {
  it("gives the data, or throws the message to show", async () => {
    fake.answer = () => Response.json({ id: "a" });
    expect(await requestJsonOrThrow("/api/x", idSchema)).toEqual({ id: "a" });
    fake.answer = () => Response.json({ error: { code: "not_found", message: "No such entry" } }, { status: 404 });
    await expect(requestJsonOrThrow("/api/x", idSchema)).rejects.toThrow("No such entry");
  });
});
