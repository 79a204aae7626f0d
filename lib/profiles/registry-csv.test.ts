import { describe, expect, it } from "vitest";
import { registryCsv } from "./registry-csv";

describe("registryCsv", () => {
  it("writes one line per name with its counts, and escapes a name that a spreadsheet would run", () => {
    const csv = registryCsv([
      { name: "seats", group: "user", types: { numeric: 1240, string: 3 }, established: "numeric", total: 1243 },
      { name: '=HYPERLINK("https://evil.example")', group: "company", types: { string: 1 }, established: "string", total: 1 },
    ]);
    expect(csv.split("\n")).toEqual([
      "group,name,established,string,numeric,date,total",
      "user,seats,numeric,3,1240,0,1243",
      `company,"'=HYPERLINK(""https://evil.example"")",string,1,0,0,1`,
      "",
    ]);
  });
});
