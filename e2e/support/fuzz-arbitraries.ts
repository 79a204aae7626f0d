import fc from "fast-check";

/** Generators of hostile input for the fuzz spec: odd text, wrong types, odd keys, deep nesting. */

const NASTY_TEXT = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "id",
  "",
  " ",
  "\u202Eevil\u202C", // right-to-left override
  "\u200F\u05E9\u05DC\u05D5\u05DD", // RTL mark + Hebrew
  "\u0645\u0631\u062D\u0628\u0627", // Arabic
  "a\u200Bb", // zero-width space
  "\u200D\uFEFF", // zero-width joiner + BOM
  "\u0000",
  "line\nbreak",
  "\u00A0nbsp\u00A0",
  "e\u0301",
  "👩‍👩‍👧‍👦",
  "𝔘𝔰𝔢𝔯",
  "\uD800",
  "\uDFFF",
  "a\uDC00b",
  "'; DROP TABLE requests;--",
  "<script>alert(1)</script>",
  "${process.env.SANDBOX_API_KEY}",
  "%00%2F..",
  "../../etc/passwd",
  "1,000",
  "1e400",
  "NaN",
  "-0",
  "0x1F",
  "2025-02-30",
  "2025-01-31T10:00Z",
  "2025-13-01",
];

const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((code) => String.fromCharCode(code));

const oddUnit = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: fc.constantFrom("\u202E", "\u200B", "\u200F", "\uFEFF", "\u0000", "\t", "\u3000") },
  { weight: 4, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }) },
);

const shortTextBranches = [
  { weight: 6, arbitrary: fc.string({ unit: oddUnit, maxLength: 24 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/) },
  { weight: 1, arbitrary: fc.oneof(fc.double(), fc.integer()).map(String) },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((date) => date.toISOString()) },
];

/** Odd text short enough for a URL (Node itself refuses request heads over 16 KB, before any route). */
export const shortOddText: fc.Arbitrary<string> = fc.oneof(...shortTextBranches);

/** Text a person or a script might paste: odd Unicode, reserved words, numbers, dates, long runs. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  ...shortTextBranches,
  // Around the limits: 255 characters for ids and names, 65,535 for values.
  { weight: 1, arbitrary: fc.constantFrom(255, 256, 65_535, 65_536, 200_000).map((n) => "x".repeat(n)) },
);

/**
 * fc.assert, with a report that shortens long runs of one character, so a 200,000-character counterexample
 * does not flood the output.
 */
/**
 * The seed every property runs with: fixed by default, so a failure reproduces; FUZZ_SEED=<n> replays a run,
 * FUZZ_SEED=random explores (the seed is printed, and named in any failure).
 */
export const FUZZ_SEED =
  process.env.FUZZ_SEED === "random"
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.FUZZ_SEED ?? 20_251_006);
// Printed by the worker that runs the tests (the runner process loads this file too, with its own seed).
if (process.env.FUZZ_SEED === "random" && process.env.TEST_WORKER_INDEX !== undefined)
  console.log(`fuzz: FUZZ_SEED=${FUZZ_SEED}`);

export async function checkProperty<Ts>(
  property: fc.IAsyncProperty<Ts>,
  params: fc.Parameters<Ts>,
): Promise<void> {
  const details = await fc.check(property, params);
  if (!details.failed) return;
  const shorten = (text: string) =>
    text.replace(/(.)\1{40,}/gs, (run, char: string) => `${char.repeat(5)}…(${run.length}×)`);
  const cause = details.errorInstance instanceof Error ? shorten(details.errorInstance.message) : "";
  throw new Error(
    `Replay with FUZZ_SEED=${String(params.seed)}\n` +
      shorten(fc.defaultReportMessage(details) ?? "property failed").slice(0, 4000) +
      `\n${cause.slice(0, 4000)}`,
  );
}

export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.array(oddText, { maxLength: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

const propertyType = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("string", "numeric", "date", "remove") },
  { weight: 1, arbitrary: fc.constantFrom("String", "NUMERIC", "boolean", "", "__proto__", "constructor") },
  { weight: 1, arbitrary: wrongType },
);

/** A JSON object written by hand, so keys like "__proto__" stay own keys exactly as a client could send them. */
export function objectText(entries: [string, unknown][]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${valueText(value)}`).join(",")}}`;
}

function valueText(value: unknown): string {
  if (value instanceof RawJson) return value.text;
  return JSON.stringify(value) ?? "null";
}

/** JSON text to splice in as is. */
export class RawJson {
  constructor(readonly text: string) {}
}

const EXTRA_KEYS = ["__proto__", "constructor", "prototype", "extra", "user_id", "metadata", "company"];

function withExtraKeys(entries: fc.Arbitrary<[string, unknown][]>): fc.Arbitrary<[string, unknown][]> {
  return fc
    .tuple(entries, fc.array(fc.tuple(fc.constantFrom(...EXTRA_KEYS), wrongType), { maxLength: 2 }))
    .map(([base, extra]) => [...base, ...extra]);
}

const propertyRow: fc.Arbitrary<RawJson> = withExtraKeys(
  fc
    .record(
      {
        name: fc.oneof({ weight: 8, arbitrary: oddText }, { weight: 1, arbitrary: wrongType }),
        type: propertyType,
        value: fc.oneof({ weight: 8, arbitrary: oddText }, { weight: 1, arbitrary: wrongType }),
      },
      { requiredKeys: [] },
    )
    .map((row) => Object.entries(row)),
).map((entries) => new RawJson(objectText(entries)));

const rows = fc.oneof(
  {
    weight: 8,
    arbitrary: fc
      .array(propertyRow, { maxLength: 5 })
      .map((list) => new RawJson(`[${list.map((r) => r.text).join(",")}]`)),
  },
  { weight: 1, arbitrary: wrongType },
);

/** Something shaped like the Identify form, with any field wrong in any way. */
export const formLikeText: fc.Arbitrary<string> = withExtraKeys(
  fc
    .record(
      {
        userId: fc.oneof({ weight: 8, arbitrary: oddText }, { weight: 1, arbitrary: wrongType }),
        properties: rows,
        companyId: fc.oneof(
          { weight: 3, arbitrary: fc.constant("") },
          { weight: 4, arbitrary: oddText },
          { weight: 1, arbitrary: wrongType },
        ),
        companyProperties: rows,
      },
      { requiredKeys: [] },
    )
    .map((form) => Object.entries(form)),
).map(objectText);

const cleanText = (max: number) =>
  fc
    .string({ unit: oddUnit, minLength: 1, maxLength: max })
    // The form refuses invisible characters and lone surrogates in ids and names (text-rules.ts).
    .filter(
      (text) =>
        text.trim() === text &&
        text !== "" &&
        !/[\p{Cc}\p{Cf}]/u.test(text) &&
        !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text),
    );

const validRow = fc.oneof(
  fc.record({
    name: cleanText(12),
    type: fc.constant("string"),
    value: fc.string({ unit: oddUnit, maxLength: 20 }),
  }),
  fc.record({
    name: cleanText(12),
    type: fc.constant("numeric"),
    value: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })).map(String),
  }),
  fc.record({
    name: cleanText(12),
    type: fc.constant("date"),
    value: fc
      .date({ noInvalidDate: true, min: new Date("1900-01-01"), max: new Date("2100-01-01") })
      .map((d) => d.toISOString()),
  }),
  fc.record({ name: cleanText(12), type: fc.constant("remove"), value: fc.constant("") }),
);

/** Forms that are mostly valid, with odd Unicode where it is allowed: exercises the accepted path. */
export const nearValidFormText: fc.Arbitrary<string> = fc
  .record({
    userId: fc.oneof(cleanText(40), fc.constantFrom("__proto__", "constructor", "\u202Eevil", "a\u200Bb")),
    properties: fc.uniqueArray(validRow, { maxLength: 4, selector: (row) => row.name }),
    companyId: fc.oneof(fc.constant(""), cleanText(20)),
    companyProperties: fc.uniqueArray(validRow, { maxLength: 3, selector: (row) => row.name }),
  })
  .map((form) => (form.companyId === "" ? { ...form, companyProperties: [] } : form))
  .map((form) => objectText(Object.entries(form)));

/** Nesting `depth` levels deep, at the top or inside a field. */
export function deeplyNested(depth: number, where: "array" | "object" | "userId" | "value"): string {
  const arrays = `${"[".repeat(depth)}${"]".repeat(depth)}`;
  const objects = `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
  switch (where) {
    case "array":
      return arrays;
    case "object":
      return objects;
    case "userId":
      return objectText([
        ["userId", new RawJson(objects)],
        ["properties", []],
        ["companyId", ""],
        ["companyProperties", []],
      ]);
    case "value":
      return objectText([
        ["userId", "deep_value"],
        ["properties", new RawJson(`[{"name":"n","type":"string","value":${arrays}}]`)],
        ["companyId", ""],
        ["companyProperties", []],
      ]);
  }
}

/** A request body as text, sent as its UTF-8 bytes, or (raw bytes) as latin1 so any byte can occur. */
export type Body = { encoding: "utf8" | "latin1"; text: string };

export const bodyBytes = (body: Body) => Buffer.from(body.text, body.encoding);

const utf8 = (text: string): Body => ({ encoding: "utf8", text });

/** Every kind of body: form-like, any JSON, not JSON at all, raw bytes, deep nesting. */
export const anyBody: fc.Arbitrary<Body> = fc.oneof(
  { weight: 10, arbitrary: formLikeText.map(utf8) },
  { weight: 5, arbitrary: nearValidFormText.map(utf8) },
  { weight: 2, arbitrary: fc.json({ maxDepth: 4 }).map(utf8) },
  // A form cut short, as a truncated paste would be.
  {
    weight: 2,
    arbitrary: fc
      .tuple(formLikeText, fc.nat())
      .map(([text, cut]) => utf8(text.slice(0, 1 + (cut % (text.length - 1))))),
  },
  { weight: 1, arbitrary: oddText.map(utf8) },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ maxLength: 64 })
      .map((bytes): Body => ({ encoding: "latin1", text: Buffer.from(bytes).toString("latin1") })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 100, max: 12_000 }),
        fc.constantFrom("array", "object", "userId", "value") as fc.Arbitrary<
          "array" | "object" | "userId" | "value"
        >,
      )
      .map(([depth, where]) => utf8(deeplyNested(depth, where))),
  },
);

/** Percent-encodes every byte of the UTF-8 form (lone surrogates become U+FFFD, as a browser would send). */
export function encodeSegment(text: string): string {
  return [...Buffer.from(text, "utf8")]
    .map((byte) =>
      /[A-Za-z0-9_~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`,
    )
    .join("");
}

const QUERY_KEYS = [
  "outcome",
  "user",
  "company",
  "match",
  "from",
  "to",
  "cursor",
  "limit",
  "__proto__",
  "constructor",
  "prototype",
];
const QUERY_VALUES = [
  "accepted",
  "unknown",
  "pending",
  "exact",
  "prefix",
  "2025-01-01T00:00:00Z",
  "50",
  "0",
  "201",
  "-1",
  "1e2",
  "1.5",
  Buffer.from(JSON.stringify([Date.now(), "x"])).toString("base64url"),
  Buffer.from(JSON.stringify([1e308, ""])).toString("base64url"),
  Buffer.from('{"__proto__":{"polluted":1}}').toString("base64url"),
];
/** Raw fragments a URL parser must survive: broken percent-encoding, empty pairs. */
const RAW_QUERY_BITS = ["%", "%E0%A4%A", "%FF%FE", "&&", "=", "user=%zz", "outcome=", "limit=%00"];

/** A query string for the history list and export routes. */
export const historyQuery: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(
      fc.tuple(
        fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(...QUERY_KEYS) },
          { weight: 1, arbitrary: shortOddText },
        ),
        fc.oneof(
          { weight: 2, arbitrary: fc.constantFrom(...QUERY_VALUES) },
          { weight: 2, arbitrary: shortOddText },
        ),
      ),
      { maxLength: 6 },
    ),
    fc.option(fc.constantFrom(...RAW_QUERY_BITS), { nil: undefined }),
  )
  .map(([pairs, raw]) => {
    const encoded = pairs.map(([key, value]) => `${encodeSegment(key)}=${encodeSegment(value)}`);
    return [...encoded, ...(raw === undefined ? [] : [raw])].join("&");
  });

/**
 * A path segment: odd text, percent-encoded, or broken percent-encoding ("%E0%A4%A", "%FF"), which proxy.ts
 * answers with a 400 before Next.js would fail on it.
 */
export const pathSegment: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 6,
    arbitrary: shortOddText.filter((text) => text !== "" && text !== "." && text !== "..").map(encodeSegment),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      "%25",
      "%00",
      "%2F",
      "%5C",
      "%E0%A4%A",
      "%FF",
      "__proto__",
      "constructor",
      "prototype",
    ),
  },
);

/**
 * A JSON object with the given fields, each missing, plausible, odd text or of a wrong type, sometimes with
 * extra (odd) keys; now and then not such an object at all: any JSON, or not JSON.
 */
export function fieldsBody(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Body> {
  const entries = Object.entries(fields).map(([name, plausible]) =>
    fc
      .option(
        fc.oneof(
          { weight: 6, arbitrary: plausible },
          { weight: 2, arbitrary: oddText },
          { weight: 2, arbitrary: wrongType },
        ),
        { nil: undefined, freq: 6 },
      )
      .map((value) => [name, value] as const),
  );
  const object = fc
    .tuple(fc.tuple(...entries), fc.dictionary(shortOddText, wrongType, { maxKeys: 2 }))
    .map(([pairs, extra]) =>
      JSON.stringify({ ...extra, ...Object.fromEntries(pairs.filter(([, value]) => value !== undefined)) }),
    );
  return fc.oneof(
    { weight: 8, arbitrary: object.map(utf8) },
    { weight: 1, arbitrary: fc.json({ maxDepth: 3 }).map(utf8) },
    { weight: 1, arbitrary: oddText.map(utf8) },
  );
}
