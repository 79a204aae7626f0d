import "server-only";
import { z } from "zod";
import { auth } from "./auth";
import { asRole, type Role } from "./roles";

export type StaffUser = { id: string; name: string; email: string; role: Role; active: boolean; createdAt: string };

const listedUser = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.string().nullable().optional(),
  banned: z.boolean().nullable().optional(),
  createdAt: z.coerce.date(),
});

export async function listStaff(headers: Headers): Promise<StaffUser[]> {
  const result = await auth().api.listUsers({ query: { limit: 500, sortBy: "createdAt", sortDirection: "asc" }, headers });
  return z
    .array(listedUser)
    .parse(result.users)
    .map((user) => ({
      id: user.id,
      name: user.name,
      email: user.email,
      role: asRole(user.role),
      active: !user.banned,
      createdAt: user.createdAt.toISOString(),
    }));
}
