import { describe, expect, it } from "vitest";
import type { RegistryEntry } from "@/lib/profiles/types";
import type { BulkMapping } from "./mapping";
import { mappingDrifts } from "./mapping-drift";

const registry: RegistryEntry[] = [
  { name: "seats", group: "user", types: { numeric: 1240, string: 3 }, established: "numeric", total: 1243 },
  { name: "plan", group: "user", types: { string: 2 }, established: "string", total: 2 },
  { name: "seats", group: "company", types: { string: 1 }, established: "string", total: 1 },
];

const mapping = (kind: BulkMapping["kind"], columns: BulkMapping["columns"]): BulkMapping => ({ kind, idColumn: 0, companyColumn: null, columns });
const column = (name: string, type: BulkMapping["columns"][number]["type"]) => ({ name, type, emptyRemoves: false });

describe("mappingDrifts", () => {
  it("warns per column whose type differs from its name's established type, with the form's words", () => {
    const drifts = mappingDrifts(registry, mapping("users", [column("id", "string"), column("plan", "string"), column("seats", "string")]));
    expect([...drifts.keys()]).toEqual([2]);
    expect(drifts.get(2)?.message).toBe("seats was sent as Numeric 1,240 times; sending String splits segments");
  });

  it("reads the registry of the mapping's kind and leaves out id, skipped and unknown columns", () => {
    expect(mappingDrifts(registry, mapping("companies", [column("id", "numeric"), column("seats", "string")])).size).toBe(0);
    expect(mappingDrifts(registry, mapping("companies", [column("id", "string"), column("seats", "numeric")])).get(1)?.established).toBe("string");
    expect(mappingDrifts(registry, mapping("users", [column("seats", "string"), column("seats", "skip"), column("other", "date")])).size).toBe(0);
  });
});
