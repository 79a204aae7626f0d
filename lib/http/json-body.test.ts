import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES, readJsonBody } from "./json-body";

const post = (body: BodyInit | null, headers: Record<string, string> = {}) =>
  new Request("http://localhost/api/x", { method: "POST", body, headers });

/** A body that arrives in chunks without a declared length, as a streamed upload does. */
function streamed(chunks: string[]): Request {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Request("http://localhost/api/x", { method: "POST", body, duplex: "half" } as RequestInit);
}

describe("readJsonBody", () => {
  it("reads a JSON body, even one split across chunks", async () => {
    expect(await readJsonBody(post('{"a":[1,2]}'))).toEqual({ ok: true, json: { a: [1, 2] } });
    expect(await readJsonBody(streamed(['{"name":"Zo', 'ë"}']))).toEqual({ ok: true, json: { name: "Zoë" } });
  });

  it("refuses a missing body and one that is not JSON", async () => {
    expect(await readJsonBody(new Request("http://localhost/api/x", { method: "POST" }))).toEqual({
      ok: false,
      code: "invalid_json",
      message: "The request has no body",
      status: 400,
    });
    expect(await readJsonBody(post("{nope"))).toEqual({
      ok: false,
      code: "invalid_json",
      message: "The request body is not valid JSON",
      status: 400,
    });
  });

  it("refuses a body over the cap, declared or streamed, and takes one exactly at it", async () => {
    const tooLarge = { ok: false, code: "body_too_large", message: "The request body is larger than 1 KB", status: 413 };
    expect(await readJsonBody(post("{}", { "content-length": "1025" }), 1024)).toEqual(tooLarge);
    expect(await readJsonBody(streamed(['"', "x".repeat(600), "x".repeat(423), '"']), 1024)).toEqual(tooLarge);
    const exact = `"${"x".repeat(1022)}"`;
    expect(await readJsonBody(streamed([exact.slice(0, 500), exact.slice(500)]), 1024)).toEqual({ ok: true, json: "x".repeat(1022) });
    expect(await readJsonBody(post(exact, { "content-length": "1024" }), 1024)).toEqual({ ok: true, json: "x".repeat(1022) });
  });

  it("caps at 1 MB unless told otherwise", async () => {
    expect(MAX_BODY_BYTES).toBe(1024 * 1024);
    const result = await readJsonBody(post("{}", { "content-length": String(MAX_BODY_BYTES + 1) }));
    expect(result).toMatchObject({ ok: false, status: 413, message: "The request body is larger than 1024 KB" });
    expect(await readJsonBody(post("{}", { "content-length": String(MAX_BODY_BYTES) }))).toEqual({ ok: true, json: {} });
  });
});
