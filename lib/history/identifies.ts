import type { Identifies } from "@/lib/identify/schema";

/**
 * What a history row identified. Only a company send goes without a user id (Identify User requires one), so
 * the ids tell it without a column of its own; a refused row without a user id but with a company id reads as
 * a company send too, which is what Edit and resend should then offer.
 */
export function identifiesOf(row: { user_id: string; company_id: string | null }): Identifies {
  return row.user_id === "" && row.company_id !== null && row.company_id !== "" ? "company" : "user";
}
