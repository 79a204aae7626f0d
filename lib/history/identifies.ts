import type { Identifies } from "@/lib/identify/schema";

/**
 * What a history row identified. Only a company send goes without a user id (Identify User requires one), so
 * the ids tell it without a column of its own; a refused row without a user id but with a company id reads as
 * a company send too, which is what Edit and resend should then offer.
 */
export function identifiesOf(userId: string, companyId: string | null): Identifies {
  return userId === "" && companyId !== null && companyId !== "" ? "company" : "user";
}
