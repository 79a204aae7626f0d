import { z } from "zod";

const countSchema = z.object({ count: z.number().int() });
const deletedSchema = z.object({ deleted: z.number().int() });

const url = (userId: string) => `/api/history/users/${encodeURIComponent(userId)}`;

export async function countUserHistory(userId: string): Promise<number> {
  const response = await fetch(url(userId));
  if (!response.ok) throw new Error(`Counting failed: the server answered ${response.status}`);
  return countSchema.parse(await response.json()).count;
}

export async function eraseUserHistory(userId: string): Promise<number> {
  const response = await fetch(url(userId), { method: "DELETE" });
  if (!response.ok) throw new Error(`Erasing failed: the server answered ${response.status}`);
  return deletedSchema.parse(await response.json()).deleted;
}
