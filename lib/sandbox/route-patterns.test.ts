import { describe, expect, it } from "vitest";
import { errorsOf, makeSandbox } from "./sandbox-test-kit";

// Every route matches its whole path: a known path inside or before another one is no endpoint.
const ROUTES: [method: string, path: string][] = [
  ["POST", "/v1/identify"],
  ["POST", "/v1/companies/identify"],
  ["POST", "/v1/track"],
  ["POST", "/v1/users/bulk_identify"],
  ["POST", "/v1/companies/bulk_identify"],
  ["GET", "/v1/background_jobs/job_1"],
  ["GET", "/v1/validate"],
  ["GET", "/_sandbox/users/u1"],
  ["GET", "/_sandbox/companies/c1"],
  ["POST", "/__control/respond"],
  ["POST", "/__control/accepted-key"],
  ["GET", "/__control/requests"],
  ["POST", "/__control/rate-limit"],
  ["POST", "/__control/reset"],
];

describe("route patterns", () => {
  it.each(ROUTES)("%s %s: nothing before or after the path is routed", async (method, path) => {
    const { call } = makeSandbox();
    const prefix = path.slice(0, path.indexOf("/", 1));
    for (const unknown of [`${prefix}/x${path}`, `${path}/x`]) {
      const result = await call(method, unknown, { status: 500, key: "k", perMinute: 1, user_id: "u1" });
      expect(result.status).toBe(404);
      expect(errorsOf(result)).toEqual([{ message: `No endpoint at ${unknown}`, field: undefined }]);
    }
  });
});
