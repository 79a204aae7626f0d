import { z } from "zod";
import { requestJson } from "./request-json";

const reviewSchema = z.object({ count: z.number().int(), sandboxProfile: z.boolean() });
export type ErasureReview = z.infer<typeof reviewSchema>;
const deletedSchema = z.object({ deleted: z.number().int() });

const url = (userId: string) => `/api/history/users/${encodeURIComponent(userId)}`;
const failureWords = {
  unreachable: "the console's server could not be reached",
  unexpected: (status: number) => `the server answered ${status}`,
};

/** What an erasure would delete: the number of history rows, and whether the sandbox keeps a profile. */
export async function reviewUserErasure(userId: string): Promise<ErasureReview> {
  const result = await requestJson(url(userId), reviewSchema, failureWords);
  if (!result.ok) throw new Error(`Counting failed: ${result.message}`);
  return result.data;
}

export async function eraseUserHistory(userId: string): Promise<number> {
  const result = await requestJson(url(userId), deletedSchema, { method: "DELETE", ...failureWords });
  if (!result.ok) throw new Error(`Erasing failed: ${result.message}`);
  return result.data.deleted;
}
