import { describe, expect, it } from "vitest";
import { fetchResponseFromSandbox, sandboxRequestFromFetch } from "./fetch-adapter";

describe("sandboxRequestFromFetch", () => {
  it("cuts the mount path, keeps the query, lower-cases headers and reads the body", async () => {
    const request = new Request("http://localhost:3000/api/sandbox/v1/identify?x=1", {
      method: "POST",
      headers: { Authorization: "Token k", "X-API-Version": "2020-09-22" },
      body: '{"user_id":"u1"}',
    });
    const converted = await sandboxRequestFromFetch(request, "/api/sandbox/");
    expect(converted).toMatchObject({ method: "POST", path: "/v1/identify?x=1", body: '{"user_id":"u1"}' });
    expect(converted.headers).toMatchObject({ authorization: "Token k", "x-api-version": "2020-09-22" });
  });

  it("leaves a path outside the mount path whole", async () => {
    const request = new Request("http://localhost/api/sandboxes/v1/validate");
    expect((await sandboxRequestFromFetch(request, "/api/sandbox")).path).toBe("/api/sandboxes/v1/validate");
  });

  it("reads a GET as an empty body", async () => {
    const request = new Request("http://localhost/api/sandbox/v1/validate");
    expect(await sandboxRequestFromFetch(request, "/api/sandbox")).toMatchObject({
      path: "/v1/validate",
      body: "",
    });
  });
});

describe("fetchResponseFromSandbox", () => {
  it("keeps status, headers and body", async () => {
    const response = fetchResponseFromSandbox({
      status: 400,
      headers: { "content-type": "application/json", "x-request-id": "sbx_1" },
      body: '{"errors":[]}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-request-id")).toBe("sbx_1");
    expect(await response.text()).toBe('{"errors":[]}');
  });

  it("sends an empty body as no body", async () => {
    const response = fetchResponseFromSandbox({ status: 429, headers: { "retry-after": "5" }, body: "" });
    expect(response.body).toBeNull();
    expect(response.headers.get("retry-after")).toBe("5");
  });
});
