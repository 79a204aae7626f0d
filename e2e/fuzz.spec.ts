import fc from "fast-check";
import { z } from "zod";
import { historyFiltersSchema, historyPageQuerySchema, searchParamsToObject } from "../lib/history/filters";
import { historyPageSchema } from "../lib/history/api-types";
import { buildIdentifyPayload } from "../lib/identify/payload";
import { identifyFormSchema } from "../lib/identify/schema";
import { expect, test } from "./support/fixtures";
import {
  anyBody,
  bodyBytes,
  checkProperty,
  deeplyNested,
  FUZZ_SEED,
  historyQuery,
  pathSegment,
  type Body,
} from "./support/fuzz-arbitraries";
import { describeBody, expectJsonError, parsedJson } from "./support/fuzz-checks";
import { bareForm, identify, sendBody, setSandboxRateLimit } from "./support/identify-api";
import { sandbox } from "./support/sandbox-control";

// Generated garbage thrown at every JSON and query route. Each answer is either the valid 2xx the input
// deserves or a 4xx `{ error: { code, message } }`, never a 5xx; and only valid Userpilot bodies, exactly the
// ones the valid inputs stand for, ever reach the upstream. Fixed seed, so a failure reproduces; explore
// further with FUZZ_SEED=random (or FUZZ_SEED=<n> to replay) and FUZZ_RUNS=<n>.
const SEED = FUZZ_SEED;
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

/** What is wrong with a body the upstream received, if anything: Userpilot's documented rules. */
function userpilotBodyProblem(text: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) return "not an object";
  const { user_id: userId, metadata, company, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return `unexpected keys ${Object.keys(rest).join(", ")}`;
  if (typeof userId !== "string" || userId === "" || userId.trim() !== userId || userId.length > 255)
    return "bad user_id";
  const primitives = (record: unknown) =>
    typeof record === "object" &&
    record !== null &&
    !Array.isArray(record) &&
    Object.values(record).every(
      (v) => v === null || typeof v === "string" || (typeof v === "number" && Number.isFinite(v)),
    );
  if (metadata !== undefined && !primitives(metadata)) return "metadata values must be primitives";
  if (company !== undefined) {
    if (!primitives(company)) return "company values must be primitives";
    const id = (company as Record<string, unknown>).id;
    if (typeof id !== "string" || id === "" || id.trim() !== id) return "company without a valid id";
  }
  return undefined;
}

test.describe.serial("fuzz", () => {
  test.beforeAll(async () => {
    await sandbox.reset();
    await setSandboxRateLimit(100_000);
  });
  test.afterAll(async () => {
    await sandbox.reset();
  });

  test("POST /api/identify: generated bodies get the answer they deserve, and only valid bodies go upstream", async ({
    request,
  }) => {
    test.setTimeout(90_000);
    await sandbox.reset();
    await setSandboxRateLimit(100_000);
    const expectedUpstream: string[] = [];
    let accepted = 0;
    let rejected = 0;

    // The generated text stands for the form values, placed as text into the one request shape: a body that
    // is not JSON stays not JSON.
    const sendOne = async (generated: Body) => {
      const body = bodyBytes(generated);
      const response = await request.post("/api/identify", {
        data: Buffer.concat([Buffer.from('{"environmentId":null,"replayOf":null,"values":'), body, Buffer.from("}")]),
        headers: { "content-type": "application/json" },
      });
      const context = `POST /api/identify ${describeBody(body)}`;
      const parsed = parsedJson(body);
      const form = parsed.ok ? identifyFormSchema.safeParse(parsed.value) : undefined;
      if (form?.success) {
        const text = await response.text();
        expect(response.status(), `${context} -> ${text.slice(0, 300)}`).toBe(200);
        const outcome = (JSON.parse(text) as { outcome: { status: string; message: string | null } }).outcome;
        // Our schema and the (Userpilot-like) upstream agree: what we accept, it accepts.
        expect(outcome.status, `${context}: upstream said ${outcome.message}`).toBe("202");
        expectedUpstream.push(JSON.stringify(buildIdentifyPayload(form.data)));
        accepted += 1;
      } else {
        const { error } = await expectJsonError(response, context);
        expect(error.code, context).toBe(parsed.ok ? "invalid_request" : "invalid_json");
        rejected += 1;
      }
    };

    await checkProperty(fc.asyncProperty(anyBody, sendOne), {
      numRuns: RUNS,
      seed: SEED,
      endOnFailure: true,
    });

    // Fixed cases every run: deep nesting, a body over the 1 MB cap, a huge field under it.
    const text = (value: string): Body => ({ encoding: "utf8", text: value });
    for (const where of ["array", "object", "userId", "value"] as const)
      await sendOne(text(deeplyNested(10_000, where)));
    const overCap = await request.post("/api/identify", {
      data: Buffer.from(JSON.stringify(sendBody(bareForm("x".repeat(1_100_000))))),
    });
    expect((await expectJsonError(overCap, "1.1 MB body")).error.code).toBe("body_too_large");
    await sendOne(text(JSON.stringify(bareForm("y".repeat(900_000)))));
    await sendOne(text('{"__proto__":{"userId":"from_proto"},"constructor":{"prototype":{"userId":"p"}}}'));
    await sendOne(
      text(
        '{"userId":"proto_row","properties":[{"name":"__proto__","type":"string","value":"x"},{"name":"constructor","type":"numeric","value":"1"}],"companyId":"c","companyProperties":[{"name":"prototype","type":"remove","value":""}]}',
      ),
    );

    // Both branches were exercised.
    expect(accepted).toBeGreaterThan(5);
    expect(rejected).toBeGreaterThan(50);

    const received = await sandbox.requests();
    const problems = received
      .map((r) => ({ body: r.body.slice(0, 200), problem: userpilotBodyProblem(r.body) }))
      .filter((r) => r.problem);
    expect(problems).toEqual([]);
    expect(received.every((r) => r.method === "POST" && r.path === "/v1/identify")).toBe(true);
    // Exactly the bodies the valid inputs stand for, no more, no fewer.
    expect(received.map((r) => r.body).sort()).toEqual([...expectedUpstream].sort());

    // The server is still sane afterwards: a plain send goes out exactly as built.
    await sandbox.reset();
    expect((await identify(request, bareForm("after_fuzz"))).status).toBe("202");
    const [plain] = await sandbox.requests();
    expect(plain?.body).toBe('{"user_id":"after_fuzz"}');
  });

  test("GET /api/history and /api/history/export: generated query strings", async ({ request }) => {
    await checkProperty(
      fc.asyncProperty(historyQuery, async (query) => {
        const url = new URL(`http://x/?${query}`);
        const page = historyPageQuerySchema.safeParse(searchParamsToObject(url.searchParams));
        const list = await request.get(`/api/history?${query}`);
        if (page.success) {
          expect(list.status(), `GET /api/history?${query} -> ${await list.text()}`).toBe(200);
          expect(historyPageSchema.safeParse(await list.json()).success).toBe(true);
        } else {
          expect((await expectJsonError(list, `GET /api/history?${query}`)).error.code).toBe("invalid_query");
        }

        const filters = historyFiltersSchema.safeParse(searchParamsToObject(url.searchParams));
        const csv = await request.get(`/api/history/export?${query}`);
        if (filters.success) {
          expect(csv.status(), `GET /api/history/export?${query}`).toBe(200);
          expect(csv.headers()["content-type"]).toContain("text/csv");
          expect(await csv.text()).toMatch(/^id,|^\uFEFF?"?\w/);
        } else {
          expect((await expectJsonError(csv, `GET /api/history/export?${query}`)).error.code).toBe(
            "invalid_query",
          );
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });

  const isBrokenEncoding = (segment: string) => {
    try {
      decodeURIComponent(segment);
      return false;
    } catch {
      return true;
    }
  };

  test("GET /api/history/<id>, POST .../resend, GET /api/history/users/<id>, environmentId: generated ids", async ({
    request,
  }) => {
    await sandbox.reset();
    let sent = 0;
    const listed = z
      .object({ environments: z.array(z.object({ id: z.string() })) })
      .parse(await (await request.get("/api/environments")).json());
    const environmentIds = new Set(listed.environments.map((entry) => entry.id));
    expect(environmentIds.has("sandbox")).toBe(true);
    await checkProperty(
      fc.asyncProperty(pathSegment, async (segment) => {
        // An unknown environment is refused before anything is recorded or sent; only a real id sends.
        const identifyIn = await request.post("/api/identify", {
          data: sendBody(bareForm("fuzz_environment"), { environmentId: segment }),
        });
        const where = `POST /api/identify { environmentId: ${JSON.stringify(segment)} }`;
        if (environmentIds.has(segment)) {
          expect(identifyIn.status(), where).toBe(200);
          sent += 1;
        } else {
          const { error } = await expectJsonError(identifyIn, where);
          expect(error.code, where).toBe(
            segment.length > 100 || segment === "" ? "invalid_request" : "unknown_environment",
          );
          expect(error.fields?.map((field) => field.path), where).toEqual(["environmentId"]);
        }

        // Broken percent-encoding is refused by proxy.ts before any route; anything else is an unknown id.
        const expected = isBrokenEncoding(segment) ? "invalid_path" : "not_found";
        const detail = await request.get(`/api/history/${segment}`);
        expect((await expectJsonError(detail, `GET /api/history/${segment}`)).error.code).toBe(expected);

        const resend = await request.post(`/api/history/${segment}/resend`);
        expect((await expectJsonError(resend, `POST /api/history/${segment}/resend`)).error.code).toBe(
          expected,
        );

        const user = await request.get(`/api/history/users/${segment}`);
        const text = await user.text();
        if (user.status() === 200) {
          const json = JSON.parse(text) as { userId: unknown; count: unknown };
          expect(json.userId, `GET /api/history/users/${segment} -> ${text}`).toBe(
            decodeURIComponent(segment),
          );
          expect(
            Number.isInteger(json.count) && (json.count as number) >= 0,
            `GET /api/history/users/${segment} -> ${text}`,
          ).toBe(true);
        } else {
          await expectJsonError(user, `GET /api/history/users/${segment}`);
        }
      }),
      // Five requests a run: fewer runs keep the time in line with the others.
      { numRuns: Math.ceil(RUNS / 2), seed: SEED, endOnFailure: true },
    );
    // A URL too long for Node's HTTP parser is refused before any route runs: a 4xx all the same.
    const tooLong = await request.get(`/api/history/${"x".repeat(20_000)}`);
    expect(tooLong.status()).toBeGreaterThanOrEqual(400);
    expect(tooLong.status()).toBeLessThan(500);
    // Nothing was resent, and only sends to a real environment went out.
    expect(await sandbox.requests()).toHaveLength(sent);
  });
});
