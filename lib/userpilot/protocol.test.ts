import { describe, expect, it } from "vitest";
import { makeSandbox } from "@/lib/sandbox/sandbox-test-kit";
import {
  API_VERSION,
  backgroundJobPath,
  REGION_HOSTS,
  sandboxUserPath,
  USERPILOT_PATHS,
  userpilotHeaders,
  userpilotUrl,
} from "./protocol";

describe("Userpilot's protocol constants", () => {
  it("are the documented version, hosts and paths", () => {
    expect(API_VERSION).toBe("2020-09-22");
    expect(REGION_HOSTS).toEqual({ us: "https://analytex.userpilot.io", eu: "https://analytex-eu.userpilot.io" });
    expect(USERPILOT_PATHS).toEqual({
      identifyUser: "/v1/identify",
      identifyCompany: "/v1/companies/identify",
      bulkIdentifyUsers: "/v1/users/bulk_identify",
      bulkIdentifyCompanies: "/v1/companies/bulk_identify",
      validate: "/v1/validate",
    });
  });

  it("encodes a job id and a user id into their paths", () => {
    expect(backgroundJobPath("bulk:jobs:NX-1:a/b")).toBe("/v1/background_jobs/bulk%3Ajobs%3ANX-1%3Aa%2Fb");
    expect(sandboxUserPath("a/b c")).toBe("/_sandbox/users/a%2Fb%20c");
  });
});

describe("userpilotUrl", () => {
  it.each([
    ["https://analytex.userpilot.io", "https://analytex.userpilot.io/v1/identify"],
    ["https://analytex.userpilot.io//", "https://analytex.userpilot.io/v1/identify"],
    ["https://proxy.example.com/up/", "https://proxy.example.com/up/v1/identify"],
  ])("puts the path after %s without a doubled slash", (base, url) => {
    expect(userpilotUrl(base, "/v1/identify")).toBe(url);
  });
});

describe("userpilotHeaders", () => {
  it("names the key's stand-in, the version and, for a body, JSON, in that order", () => {
    const headers = userpilotHeaders("$KEY", { json: true });
    expect(Object.entries(headers)).toEqual([
      ["Content-Type", "application/json"],
      ["Authorization", "Token $KEY"],
      ["X-API-Version", "2020-09-22"],
    ]);
  });

  it("leaves out the content type without a body, and the key for an open lookup", () => {
    expect(userpilotHeaders("k", { json: false })).toEqual({ Authorization: "Token k", "X-API-Version": API_VERSION });
    expect(userpilotHeaders(undefined, { json: false })).toEqual({ "X-API-Version": API_VERSION });
  });
});

describe("the sandbox serves every path the protocol names", () => {
  it.each([
    ["POST", USERPILOT_PATHS.identifyUser, { user_id: "u1" }, 202],
    ["POST", USERPILOT_PATHS.identifyCompany, { company_id: "c1" }, 202],
    ["POST", USERPILOT_PATHS.bulkIdentifyUsers, { users: [{ user_id: "u1" }] }, 202],
    ["POST", USERPILOT_PATHS.bulkIdentifyCompanies, { companies: [{ company_id: "c1" }] }, 202],
    ["GET", USERPILOT_PATHS.validate, undefined, 200],
  ] as const)("%s %s", async (method, path, body, status) => {
    const { call } = makeSandbox();
    expect((await call(method, path, body)).status).toBe(status);
  });

  it("answers a bulk job's progress at backgroundJobPath", async () => {
    const { call } = makeSandbox();
    const started = await call("POST", USERPILOT_PATHS.bulkIdentifyUsers, { users: [{ user_id: "u1" }] });
    const { job_id } = started.json as { job_id: string };
    const progress = await call("GET", backgroundJobPath(job_id));
    expect(progress.status).toBe(200);
    expect(progress.json).toMatchObject({ job_id });
  });

  it("answers a profile at sandboxUserPath, even for an id that needs encoding", async () => {
    const { call } = makeSandbox();
    await call("POST", USERPILOT_PATHS.identifyUser, { user_id: "a/b c" });
    const lookup = await call("GET", sandboxUserPath("a/b c"), undefined, { authorization: undefined });
    expect(lookup.status).toBe(200);
    expect(lookup.json).toMatchObject({ user: { user_id: "a/b c" } });
  });
});
