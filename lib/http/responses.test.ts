import { z } from "zod";
import { describe, expect, it } from "vitest";
import { apiError, fieldErrors, keyUnreadableError } from "./responses";

describe("apiError", () => {
  it("answers the one error shape with the status given", async () => {
    const response = apiError(404, "not_found", "No such entry");
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "No such entry" } });
  });

  it("carries field errors when there are some", async () => {
    const response = apiError(400, "invalid_request", "Fix it", [{ path: "name", message: "Enter a name" }]);
    expect(await response.json()).toEqual({
      error: { code: "invalid_request", message: "Fix it", fields: [{ path: "name", message: "Enter a name" }] },
    });
  });
});

describe("keyUnreadableError", () => {
  it("is a 409 that says to enter the key again", async () => {
    const response = keyUnreadableError();
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("key_unreadable");
    expect(body.error.message).toContain("Settings > Environments");
  });
});

describe("fieldErrors", () => {
  it("names each failing field by its dotted path", () => {
    const schema = z.object({ name: z.string(), rows: z.array(z.object({ value: z.string() })) });
    const result = schema.safeParse({ name: 1, rows: [{ value: "ok" }, { value: 2 }] });
    if (result.success) throw new Error("expected a failure");
    expect(fieldErrors(result.error).map((field) => field.path)).toEqual(["name", "rows.1.value"]);
    expect(fieldErrors(result.error)[0]?.message).toBe(result.error.issues[0]?.message);
  });
});
