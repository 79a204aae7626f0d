import type { APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { z } from "zod";
import { ROLES } from "../lib/auth/roles";
import { newUserSchema, setupSchema, staffPageQuerySchema, userChangeSchema } from "../lib/auth/schemas";
import { environmentInputSchema, newEnvironmentSchema } from "../lib/environments/types";
import { expect, test } from "./support/fixtures";
import {
  bodyBytes,
  checkProperty,
  fieldsBody,
  FUZZ_SEED,
  historyQuery,
  pathSegment,
  shortOddText,
  type Body,
} from "./support/fuzz-arbitraries";
import { describeBody, expectJsonError, parsedJson } from "./support/fuzz-checks";
import { createStaff } from "./support/staff";
import { E2E } from "./support/settings";

// The administration routes under generated bodies, ids and query strings: each answer is what the route's
// own schema says the input deserves (a 2xx for valid input, a 4xx `{ error }` otherwise, never a 5xx), and
// a refused change changed nothing. Same seed rules as fuzz.spec.ts (FUZZ_SEED, FUZZ_RUNS).
const RUNS = Math.ceil(Number(process.env.FUZZ_RUNS ?? 150) / 3);
const run = Date.now().toString(36);

const environmentList = z.object({
  environments: z.array(
    z.object({ id: z.string(), name: z.string(), kind: z.string(), region: z.string(), baseUrl: z.string() }),
  ),
});

// The server adds its allow-list to the shared form schema: plain http only to UPSTREAM_ALLOWED_HOSTS.
const allowedHosts = E2E.appEnv.UPSTREAM_ALLOWED_HOSTS.split(",");
function upstreamAllowed(input: { region: string; baseUrl: string }): boolean {
  if (input.region !== "custom") return true;
  if (!URL.canParse(input.baseUrl)) return false;
  const url = new URL(input.baseUrl);
  return url.protocol === "https:" || (url.protocol === "http:" && allowedHosts.includes(url.hostname));
}

const accountFields = {
  name: fc.string({ maxLength: 20 }),
  email: fc.emailAddress(),
  password: fc.string({ minLength: 8, maxLength: 20 }),
};

const environmentFields = {
  name: fc.oneof(shortOddText, fc.constant(`fuzz env ${run}`)),
  region: fc.constantFrom("us", "eu", "custom", "US", "mars"),
  baseUrl: fc.constantFrom("https://proxy.example.com", E2E.sandboxUrl, "http://evil.example", "ftp://x", ""),
  apiKey: fc.constantFrom("fuzz-key-1234", "", "key with space", "key\nbreak", "x".repeat(600)),
  isProduction: fc.boolean(),
};

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

async function post(request: APIRequestContext, url: string, body: Body, method = "POST") {
  const bytes = bodyBytes(body);
  const response = await request.fetch(url, {
    method,
    data: bytes,
    headers: { "content-type": "application/json" },
  });
  return { response, bytes, parsed: parsedJson(bytes), context: `${method} ${url} ${describeBody(bytes)}` };
}

test.describe.serial("fuzz: administration", () => {
  test("POST /api/users: generated bodies create an account only when valid", async ({ request }) => {
    test.setTimeout(120_000);
    await checkProperty(
      fc.asyncProperty(
        fieldsBody({ ...accountFields, role: fc.constantFrom(...ROLES, "root", "Admin") }),
        async (body) => {
          const { response, parsed, context } = await post(request, "/api/users", body);
          const valid = parsed.ok ? newUserSchema.safeParse(parsed.value) : undefined;
          if (valid?.success) {
            expect([201, 409], context).toContain(response.status());
            if (response.status() === 409)
              expect((await expectJsonError(response, context)).error.code).toBe("duplicate_email");
          } else {
            const { error } = await expectJsonError(response, context);
            expect(error.code, context).toBe(parsed.ok ? "invalid_request" : "invalid_json");
          }
        },
      ),
      { numRuns: RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
  });

  test("GET /api/users: generated query strings", async ({ request }) => {
    await checkProperty(
      fc.asyncProperty(historyQuery, async (query) => {
        const params = new URL(`http://x/?${query}`).searchParams;
        const expected = staffPageQuerySchema.safeParse({
          offset: params.get("offset") ?? undefined,
          limit: params.get("limit") ?? undefined,
        });
        const response = await request.get(`/api/users?${query}`);
        if (expected.success) expect(response.status(), `GET /api/users?${query}`).toBe(200);
        else
          expect((await expectJsonError(response, `GET /api/users?${query}`)).error.code).toBe(
            "invalid_request",
          );
      }),
      { numRuns: RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    for (const query of ["offset=-1", "limit=0", "limit=201", "limit=1.5", "offset=x"]) {
      expect((await expectJsonError(await request.get(`/api/users?${query}`), query)).error.code).toBe(
        "invalid_request",
      );
    }
  });

  test("PATCH /api/users/<id>: generated bodies on a real account, generated ids", async ({ request }) => {
    test.setTimeout(120_000);
    const staff = await createStaff(request, "viewer");
    const listed = z
      .object({ users: z.array(z.object({ id: z.string(), email: z.string() })) })
      .parse(await (await request.get("/api/users?limit=200")).json());
    const target = listed.users.find((user) => user.email === staff.email);
    expect(target).toBeDefined();
    await checkProperty(
      fc.asyncProperty(
        fieldsBody({ role: fc.constantFrom(...ROLES, "root"), active: fc.boolean() }),
        pathSegment,
        async (body, segment) => {
          const { response, parsed, context } = await post(
            request,
            `/api/users/${target!.id}`,
            body,
            "PATCH",
          );
          const valid = parsed.ok ? userChangeSchema.safeParse(parsed.value) : undefined;
          if (valid?.success) expect(response.status(), context).toBe(200);
          else
            expect((await expectJsonError(response, context)).error.code).toBe(
              parsed.ok ? "invalid_request" : "invalid_json",
            );

          // An id that names no account: nothing to change, whatever the id looks like.
          const unknown = await request.patch(`/api/users/${segment}`, { data: { role: "viewer" } });
          await expectJsonError(unknown, `PATCH /api/users/${segment}`);
        },
      ),
      { numRuns: RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
  });

  test("POST /api/setup: once there are users, every body is refused", async ({ request }) => {
    await checkProperty(
      fc.asyncProperty(
        fieldsBody({ ...accountFields, token: fc.string({ minLength: 1, maxLength: 40 }) }),
        async (body) => {
          const { response, parsed, context } = await post(request, "/api/setup", body);
          const valid = parsed.ok ? setupSchema.safeParse(parsed.value) : undefined;
          const { error } = await expectJsonError(response, context);
          expect(error.code, context).toBe(
            valid?.success ? "invalid_token" : parsed.ok ? "invalid_request" : "invalid_json",
          );
        },
      ),
      { numRuns: RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
  });

  test("environments: generated bodies and ids; a changed address never keeps the old key", async ({
    request,
  }) => {
    test.setTimeout(150_000);
    const created: string[] = [];
    const environments = async () =>
      environmentList.parse(await (await request.get("/api/environments")).json()).environments;
    const base = await request.post("/api/environments", {
      data: {
        name: `fuzz base ${run}`,
        region: "custom",
        baseUrl: E2E.sandboxUrl,
        apiKey: "fuzz-base-key",
        isProduction: false,
      },
    });
    expect(base.status(), await base.text()).toBe(201);
    const baseId = z.object({ environment: z.object({ id: z.string() }) }).parse(await base.json())
      .environment.id;
    created.push(baseId);
    const ids = new Set((await environments()).map((entry) => entry.id));

    await checkProperty(
      fc.asyncProperty(
        fieldsBody(environmentFields),
        fieldsBody(environmentFields),
        pathSegment,
        async (newBody, change, segment) => {
          // Create.
          const add = await post(request, "/api/environments", newBody);
          const addValid = add.parsed.ok ? newEnvironmentSchema.safeParse(add.parsed.value) : undefined;
          if (addValid?.success && upstreamAllowed(addValid.data)) {
            expect([201, 409], add.context).toContain(add.response.status());
            if (add.response.status() === 201) {
              created.push(
                z.object({ environment: z.object({ id: z.string() }) }).parse(await add.response.json())
                  .environment.id,
              );
            }
          } else {
            const { error } = await expectJsonError(add.response, add.context);
            expect(error.code, add.context).toBe(add.parsed.ok ? "invalid_request" : "invalid_json");
          }

          // Change the base environment: a new region or URL without a key is refused, the row unchanged.
          const before = (await environments()).find((entry) => entry.id === baseId)!;
          const edit = await post(request, `/api/environments/${baseId}`, change, "PATCH");
          const editValid = edit.parsed.ok ? environmentInputSchema.safeParse(edit.parsed.value) : undefined;
          const after = (await environments()).find((entry) => entry.id === baseId)!;
          if (edit.response.status() === 200) {
            expect(editValid?.success && upstreamAllowed(editValid.data), edit.context).toBe(true);
            const movedWithoutKey =
              (after.region !== before.region || after.baseUrl !== before.baseUrl) &&
              editValid?.data?.apiKey === "";
            expect(
              movedWithoutKey,
              `${edit.context}: moved from ${before.baseUrl} to ${after.baseUrl} keeping the key`,
            ).toBe(false);
          } else {
            await expectJsonError(edit.response, edit.context);
            expect(after, edit.context).toEqual(before);
          }

          // Unknown ids: nothing to change, remove, test or make the default.
          if (!ids.has(safeDecode(segment))) {
            for (const [method, path] of [
              ["PATCH", `/api/environments/${segment}`],
              ["DELETE", `/api/environments/${segment}`],
              ["POST", `/api/environments/${segment}/default`],
              ["POST", `/api/environments/${segment}/test`],
            ] as const) {
              const response = await request.fetch(path, {
                method,
                data:
                  method === "PATCH"
                    ? { name: "x", region: "us", baseUrl: "", apiKey: "k-1234", isProduction: false }
                    : undefined,
              });
              await expectJsonError(response, `${method} ${path}`);
            }
          }
        },
      ),
      { numRuns: RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    for (const id of created) await request.delete(`/api/environments/${id}`);
  });

  test("DELETE /api/history/users/<id> and the built-in sandbox's paths: generated ids, never a 5xx", async ({
    request,
    playwright,
  }) => {
    const anonymous = await playwright.request.newContext({
      baseURL: E2E.appUrl,
      storageState: { cookies: [], origins: [] },
    });
    await checkProperty(
      fc.asyncProperty(pathSegment, async (segment) => {
        const erase = await request.delete(`/api/history/users/${segment}`);
        if (erase.status() !== 200) await expectJsonError(erase, `DELETE /api/history/users/${segment}`);
        else
          expect(z.object({ deleted: z.number().int().min(0) }).safeParse(await erase.json()).success).toBe(
            true,
          );

        for (const path of [
          `/api/sandbox/_sandbox/users/${segment}`,
          `/api/sandbox/v1/${segment}`,
          `/api/sandbox/${segment}`,
        ]) {
          for (const method of ["GET", "POST"]) {
            const response = await anonymous.fetch(path, {
              method,
              data: method === "POST" ? "{}" : undefined,
            });
            expect(response.status(), `${method} ${path} without a session`).toBeGreaterThanOrEqual(400);
            expect(response.status(), `${method} ${path} without a session`).toBeLessThan(500);
          }
        }
      }),
      { numRuns: RUNS, seed: FUZZ_SEED, endOnFailure: true },
    );
    await anonymous.dispose();
  });
});
