import { z } from "zod";

const reviewSchema = z.object({ count: z.number().int(), sandboxProfile: z.boolean() });
export type ErasureReview = z.infer<typeof reviewSchema>;
const deletedSchema = z.object({ deleted: z.number().int() });

const url = (userId: string) => `/api/history/users/${encodeURIComponent(userId)}`;

/** What an erasure would delete: the number of history rows, and whether the sandbox keeps a profile. */
export async function reviewUserErasure(userId: string): Promise<ErasureReview> {
  const response = await fetch(url(userId));
  if (!response.ok) throw new Error(`Counting failed: the server answered ${response.status}`);
  return reviewSchema.parse(await response.json());
}

export async function eraseUserHistory(userId: string): Promise<number> {
  const response = await fetch(url(userId), { method: "DELETE" });
  if (!response.ok) throw new Error(`Erasing failed: the server answered ${response.status}`);
  return deletedSchema.parse(await response.json()).deleted;
}
