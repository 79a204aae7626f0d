import type { IdentifyFormValues } from "@/lib/identify/schema";

/** How many different users the route benches send for, in turn. */
export const VARIANTS = 500;

/** A valid Identify form: four user properties of each type, a company with one property. */
export function formValues(i: number): IdentifyFormValues {
  return {
    userId: `bench_user_${String(i % VARIANTS).padStart(3, "0")}`,
    properties: [
      { name: "plan", type: "string", value: ["free", "starter", "pro", "enterprise"][i % 4]! },
      { name: "seats", type: "numeric", value: String(1 + (i % 50)) },
      { name: "trial_ends", type: "date", value: "2025-03-01" },
      { name: "role", type: "string", value: "admin" },
    ],
    companyId: `bench_company_${String(i % 50).padStart(2, "0")}`,
    companyProperties: [{ name: "tier", type: "string", value: "gold" }],
  };
}
