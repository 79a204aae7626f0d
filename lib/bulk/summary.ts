import { kindNoun } from "./check";
import type { BulkKind } from "./mapping";

const count = (n: number) => n.toLocaleString("en-US");

/** The confirm dialog's one line: "2,990 users to Production · EU, 10 rows skipped". */
export function confirmSummary(kind: BulkKind, valid: number, skipped: number, environmentLabel: string): string {
  const sending = `${count(valid)} ${kindNoun(kind, valid)} to ${environmentLabel}`;
  return skipped === 0 ? sending : `${sending}, ${count(skipped)} ${skipped === 1 ? "row" : "rows"} skipped`;
}
