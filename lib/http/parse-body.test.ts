import { z } from "zod";
import { describe, expect, it } from "vitest";
import { ApiError } from "./api-error";
import { parseBody } from "./parse-body";

const schema = z.object({ name: z.string().min(1, "Enter a name"), rows: z.array(z.object({ value: z.string() })) });
const post = (body: string) => new Request("http://localhost/api/x", { method: "POST", body });

async function thrown(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

describe("parseBody", () => {
  it("gives back the body read with the schema", async () => {
    expect(await parseBody(post('{"name":"Ada","rows":[]}'), schema)).toEqual({ name: "Ada", rows: [] });
  });

  it("throws a 400 naming each refused field by its path, with the message given", async () => {
    const error = await thrown(parseBody(post('{"name":"","rows":[{"value":1}]}'), schema, "Nothing valid"));
    expect(error).toMatchObject({ status: 400, code: "invalid_request", message: "Nothing valid" });
    expect(error.fields?.map((field) => field.path)).toEqual(["name", "rows.0.value"]);
    expect(error.fields?.[0]?.message).toBe("Enter a name");
  });

  it("throws what reading the body refused: not JSON, too large", async () => {
    expect(await thrown(parseBody(post("{nope"), schema))).toMatchObject({ status: 400, code: "invalid_json" });
    const large = new Request("http://localhost/api/x", {
      method: "POST",
      body: "{}",
      headers: { "content-length": String(2 * 1024 * 1024) },
    });
    expect(await thrown(parseBody(large, schema))).toMatchObject({ status: 413, code: "body_too_large" });
  });

  it("takes a larger body when the route allows one", async () => {
    const body = JSON.stringify({ name: "Ada", rows: Array.from({ length: 60_000 }, () => ({ value: "0123456789" })) });
    expect(body.length).toBeGreaterThan(1024 * 1024);
    expect(await thrown(parseBody(post(body), schema))).toMatchObject({ status: 413, code: "body_too_large" });
    expect((await parseBody(post(body), schema, "x", 2 * 1024 * 1024)).rows).toHaveLength(60_000);
  });

  it("names at most the first 200 refused fields, and says how many there were", async () => {
    const body = JSON.stringify({ name: "Ada", rows: Array.from({ length: 450 }, () => ({ value: 1 })) });
    const error = await thrown(parseBody(post(body), schema, "The job has invalid rows"));
    expect(error.fields).toHaveLength(200);
    expect(error.fields?.at(-1)?.path).toBe("rows.199.value");
    expect(error.message).toBe("The job has invalid rows (the first 200 of 450 are listed)");
  });
});
