import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { checkRows } from "./check";
import { parseCsvText } from "./csv";
import { invalidRowsCsv } from "./invalid-csv";
import { defaultMapping } from "./mapping";
import { suggestColumnTypes } from "./parse-file";
import { buildJobPlan, bulkJobPlanSchema, REALTIME_MAX_ROWS, suggestedMode } from "./plan";
import { confirmSummary } from "./summary";

function checked(text: string, kind: "users" | "companies" = "users") {
  const parsed = parseCsvText(text);
  if (!parsed.ok) throw new Error(parsed.message);
  const { headers, rows } = parsed.value;
  return { headers, check: checkRows(headers, rows, defaultMapping(kind, headers, suggestColumnTypes(parsed.value))) };
}

describe("buildJobPlan", () => {
  it("hands over every valid row in file order with its line, cells and form values, and every skipped row", () => {
    const { headers, check } = checked("user_id,seats\nu1,3\n,4\nu2,5\nu1,6");
    const plan = buildJobPlan({ environmentId: "sandbox", source: { name: "a.csv", headers, delimiter: "," }, check });
    expect(plan).toEqual({
      version: 1,
      environmentId: "sandbox",
      kind: "users",
      mode: "realtime",
      source: { name: "a.csv", headers: ["user_id", "seats"], delimiter: "," },
      rows: [
        { line: 2, cells: ["u1", "3"], values: { userId: "u1", properties: [{ name: "seats", type: "numeric", value: "3" }], companyId: "", companyProperties: [] } },
        { line: 4, cells: ["u2", "5"], values: { userId: "u2", properties: [{ name: "seats", type: "numeric", value: "5" }], companyId: "", companyProperties: [] } },
        { line: 5, cells: ["u1", "6"], values: { userId: "u1", properties: [{ name: "seats", type: "numeric", value: "6" }], companyId: "", companyProperties: [] } },
      ],
      skipped: [{ line: 3, cells: ["", "4"], reason: "user_id: User ID is required" }],
    });
    expect(bulkJobPlanSchema.parse(plan)).toEqual(plan);
  });

  it("builds a companies plan the route's schema accepts, and nothing when no row is valid", () => {
    const { headers, check } = checked("company_id,name\nacme,Acme", "companies");
    const plan = buildJobPlan({ environmentId: "env", source: { name: "Pasted text", headers, delimiter: "," }, check });
    expect(plan?.kind).toBe("companies");
    expect(bulkJobPlanSchema.safeParse(plan).success).toBe(true);
    const none = checked("user_id,a\n,1");
    expect(buildJobPlan({ environmentId: "env", source: { name: "x", headers: none.headers, delimiter: "," }, check: none.check })).toBeUndefined();
  });

  it("is refused by the route's schema when a row breaks the Identify rules or the kinds are mixed", () => {
    const { headers, check } = checked("user_id,seats\nu1,3");
    const plan = buildJobPlan({ environmentId: "sandbox", source: { name: "a.csv", headers, delimiter: "," }, check });
    if (!plan || plan.kind !== "users") throw new Error("expected a users plan");
    const bad = { ...plan, rows: [{ ...plan.rows[0], values: { ...plan.rows[0]?.values, userId: " u1" } }] };
    const parsed = bulkJobPlanSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(["rows", 0, "values", "userId"]);
    expect(bulkJobPlanSchema.safeParse({ ...plan, kind: "companies" }).success).toBe(false);
    expect(bulkJobPlanSchema.safeParse({ ...plan, rows: [] }).success).toBe(false);
  });

  it("suggests real-time calls up to a few thousand rows, bulk jobs above", () => {
    expect(suggestedMode(REALTIME_MAX_ROWS)).toBe("realtime");
    expect(suggestedMode(REALTIME_MAX_ROWS + 1)).toBe("bulk");
  });
});

describe("confirmSummary", () => {
  it("names the count, the kind and the environment, and the skipped rows", () => {
    expect(confirmSummary("users", 2990, 10, "Production · EU")).toBe("2,990 users to Production · EU, 10 rows skipped");
    expect(confirmSummary("companies", 1, 1, "Sandbox")).toBe("1 company to Sandbox, 1 row skipped");
    expect(confirmSummary("users", 1, 0, "Sandbox")).toBe("1 user to Sandbox");
  });
});

describe("invalidRowsCsv", () => {
  it("gives the original columns, the line and the reason of each invalid row, quoting what needs it", () => {
    const { headers, check } = checked('user_id,note,seats\n,"a, b\nc",1\nu2,x,1\n u3,=cmd(),-2\n');
    const csv = invalidRowsCsv(headers, check.invalid);
    const back = Papa.parse<string[]>(csv).data;
    expect(back).toEqual([
      ["user_id", "note", "seats", "line", "reason"],
      ["", "a, b\nc", "1", "2", "user_id: User ID is required"],
      [" u3", "'=cmd()", "-2", "5", "user_id: User ID has a space at the start or end; remove it"],
    ]);
    expect(csv.split("\r\n")[0]).toBe("user_id,note,seats,line,reason");
  });

  it("writes the file's own delimiter and escapes formulas but not signed numbers", () => {
    const { headers, check } = checked("user_id;a;b\n;+1e3;@x\n;-x;+5");
    expect(invalidRowsCsv(headers, check.invalid, ";").split("\r\n")).toEqual([
      "user_id;a;b;line;reason",
      `;+1e3;"'@x";2;user_id: User ID is required`,
      `;"'-x";+5;3;user_id: User ID is required`,
    ]);
  });
});
