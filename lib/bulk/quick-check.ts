import { propertyValueProblem } from "@/lib/identify/property-value";
import type { PropertyType } from "@/lib/identify/property-types";
import { companyIdProblem, userIdProblem } from "@/lib/identify/text-rules";
import { isPlainDate, isPlainId, isShortDecimal } from "./fast-values";
import type { RowValues } from "./row-values";

/**
 * Whether a row breaks a rule of the Identify schema that depends on its own cells: the ids and each value, with
 * the schema's own helpers. Running the whole zod schema on 100,000 rows costs seconds; this costs a fraction,
 * and a row it finds a problem in is validated with the schema itself, so every message and path shown comes from
 * the schema. The rules that depend on property names alone (name rules, repeats, how many) are the same on
 * every row and are checked once on the mapping; quick-check.test.ts holds the two to the same verdicts.
 */
export function quickRowProblem(row: RowValues): boolean {
  const properties = row.kind === "users" ? row.values.properties : row.values.companyProperties;
  if (row.kind === "users") {
    if (!isPlainId(row.values.userId) && userIdProblem(row.values.userId) !== undefined) return true;
    if (row.values.companyId !== "" && !isPlainId(row.values.companyId) && companyIdProblem(row.values.companyId) !== undefined) return true;
  } else if (row.values.companyId === "" || (!isPlainId(row.values.companyId) && companyIdProblem(row.values.companyId) !== undefined)) {
    return true;
  }
  for (const property of properties) if (!surelyGood(property.type, property.value) && propertyValueProblem(property.type, property.value) !== undefined) return true;
  return false;
}

const surelyGood = (type: PropertyType, value: string) =>
  type === "numeric" ? isShortDecimal(value) : type === "date" ? isPlainDate(value) : false;
