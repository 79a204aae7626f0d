import { describe, expect, it } from "vitest";
import { ConfigError, databaseKind, parseEnv, sqlitePath } from "./env";

/** The error parseEnv throws for this environment; fails the test when it does not throw. */
function configErrorOf(source: Record<string, string | undefined>): ConfigError {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`parseEnv accepted ${JSON.stringify(source)}`);
}

describe("parseEnv", () => {
  it("fills in every documented default", () => {
    const config = parseEnv({});
    expect(config.SANDBOX_API_KEY).toBeUndefined();
    expect(config).toMatchObject({
      USERPILOT_REGION: "us",
      DATABASE_URL: "file:./data/identify-console.db",
      PORT: 3000,
      SANDBOX_RATE_LIMIT_PER_MINUTE: 600,
      SANDBOX_JOB_STEP_MS: 2000,
      USERPILOT_TIMEOUT_MS: 10_000,
      USERPILOT_MAX_RETRIES: 4,
      USERPILOT_RETRY_BASE_MS: 1000,
      HISTORY_RETENTION_DAYS: 90,
      HISTORY_REDACT_KEYS: ["email", "name"],
      SANDBOX: "on",
      SIGN_IN_ATTEMPTS_PER_MINUTE: 10,
      UPSTREAM_RATE_PER_MINUTE: 600,
      UPSTREAM_RATE_WINDOW_MS: 60_000,
      BULK_POLL_MS: 2000,
    });
    expect(config.USERPILOT_API_KEY).toBeUndefined();
    expect(config.APP_SECRET).toBeUndefined();
    expect(config.ADMIN_EMAIL).toBeUndefined();
    expect(config.USERPILOT_API_URL).toBeUndefined();
  });

  it("treats blank values as unset", () => {
    const config = parseEnv({
      USERPILOT_API_KEY: "  ",
      PORT: "",
      USERPILOT_REGION: " ",
      USERPILOT_API_URL: "",
    });
    expect(config.USERPILOT_API_KEY).toBeUndefined();
    expect(config.USERPILOT_API_URL).toBeUndefined();
    expect(config.PORT).toBe(3000);
    expect(config.USERPILOT_REGION).toBe("us");
  });

  it("reads numbers and normalises the region and URL", () => {
    const config = parseEnv({
      PORT: "8080",
      USERPILOT_TIMEOUT_MS: "400",
      USERPILOT_MAX_RETRIES: "0",
      USERPILOT_RETRY_BASE_MS: "10",
      USERPILOT_REGION: " EU ",
      USERPILOT_API_URL: "https://proxy.example.com/userpilot//",
    });
    expect(config).toMatchObject({
      PORT: 8080,
      USERPILOT_TIMEOUT_MS: 400,
      USERPILOT_MAX_RETRIES: 0,
      USERPILOT_RETRY_BASE_MS: 10,
      USERPILOT_REGION: "eu",
      USERPILOT_API_URL: "https://proxy.example.com/userpilot",
    });
  });

  it("refuses USERPILOT_REGION=mars with a ConfigError naming the variable and the allowed values", () => {
    const error = configErrorOf({ USERPILOT_REGION: "mars" });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("ConfigError");
    expect(error.message).toContain("USERPILOT_REGION");
    expect(error.message).toContain("us, eu");
  });

  it.each([["first\nsecond"], ["with space"], ["tab\there"], ["caf\u00e9-key"]])(
    "refuses USERPILOT_API_KEY=%j: it travels in a header, and the error must not quote it",
    (key) => {
      const error = configErrorOf({ USERPILOT_API_KEY: key });
      expect(error.message).toContain(
        "USERPILOT_API_KEY: can only contain printable characters without spaces or line breaks",
      );
      expect(error.message).not.toContain(key);
    },
  );

  it("accepts a USERPILOT_API_KEY with a trailing line break, trimmed", () => {
    expect(parseEnv({ USERPILOT_API_KEY: "live-key-1234\n" }).USERPILOT_API_KEY).toBe("live-key-1234");
  });

  it("reads UPSTREAM_ALLOWED_HOSTS as a lowercase list, empty by default", () => {
    expect(parseEnv({}).UPSTREAM_ALLOWED_HOSTS).toEqual([]);
    expect(parseEnv({ UPSTREAM_ALLOWED_HOSTS: " 127.0.0.1, Fake.Local:8080 ," }).UPSTREAM_ALLOWED_HOSTS).toEqual([
      "127.0.0.1",
      "fake.local:8080",
    ]);
  });

  it.each([["abc"], ["0"], ["70000"], ["80.5"]])("refuses PORT=%s, naming PORT", (port) => {
    const error = configErrorOf({ PORT: port });
    expect(error.message).toMatch(/- PORT: /);
  });

  it.each([["not a url"], ["ftp://files.example.com"], ["example.com"]])(
    "refuses USERPILOT_API_URL=%s, naming the variable",
    (url) => {
      const error = configErrorOf({ USERPILOT_API_URL: url });
      expect(error.message).toContain("USERPILOT_API_URL: must be an http(s) URL");
    },
  );

  it.each([["mysql://localhost/db"], ["./data/db.sqlite"]])(
    "refuses DATABASE_URL=%s, naming the variable",
    (url) => {
      const error = configErrorOf({ DATABASE_URL: url });
      expect(error.message).toContain("DATABASE_URL: must be a SQLite file URL such as file:./data/identify-console.db, or a PostgreSQL URL");
    },
  );

  it.each([["postgres://console@db.internal:5432/identify"], ["postgresql://localhost/identify"]])(
    "takes DATABASE_URL=%s as PostgreSQL, with APP_SECRET",
    (url) => {
      const config = parseEnv({ DATABASE_URL: url, APP_SECRET: "a-shared-secret-of-at-least-32-chars!" });
      expect(databaseKind(config)).toBe("postgres");
      expect(databaseKind(parseEnv({}))).toBe("sqlite");
    },
  );

  it("refuses PostgreSQL without APP_SECRET: every server needs the same one", () => {
    const error = configErrorOf({ DATABASE_URL: "postgres://localhost/identify" });
    expect(error.message).toContain("APP_SECRET: must be set when DATABASE_URL is PostgreSQL");
  });

  it("names every bad variable at once, and only those", () => {
    const error = configErrorOf({ PORT: "x", DATABASE_URL: "mysql://db", USERPILOT_REGION: "us" });
    expect(error.message).toContain("PORT");
    expect(error.message).toContain("DATABASE_URL");
    expect(error.message).not.toContain("USERPILOT_REGION");
  });

  it.each([
    ["USERPILOT_MAX_RETRIES", "9"],
    ["HISTORY_RETENTION_DAYS", "0"],
    ["USERPILOT_TIMEOUT_MS", "-1"],
  ])("refuses %s=%s, naming it", (name, value) => {
    expect(configErrorOf({ [name]: value }).message).toContain(`${name}:`);
  });

  describe("HISTORY_REDACT_KEYS", () => {
    it("splits on commas and trims each name", () => {
      expect(parseEnv({ HISTORY_REDACT_KEYS: " email , phone,ssn " }).HISTORY_REDACT_KEYS).toEqual([
        "email",
        "phone",
        "ssn",
      ]);
    });

    it("drops empty entries", () => {
      expect(parseEnv({ HISTORY_REDACT_KEYS: "email,, ,name," }).HISTORY_REDACT_KEYS).toEqual([
        "email",
        "name",
      ]);
    });

    it("keeps a single name", () => {
      expect(parseEnv({ HISTORY_REDACT_KEYS: "phone" }).HISTORY_REDACT_KEYS).toEqual(["phone"]);
    });

    it("defaults to email and name when unset", () => {
      expect(parseEnv({}).HISTORY_REDACT_KEYS).toEqual(["email", "name"]);
    });
  });
});

describe("sqlitePath", () => {
  it("strips the file: prefix", () => {
    expect(sqlitePath(parseEnv({ DATABASE_URL: "file:/tmp/x/test.db" }))).toBe("/tmp/x/test.db");
  });
});
