import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "./auth";
import { asRole, can, type Permission, type Role } from "./roles";

export type Actor = { id: string; email: string; name: string; role: Role };

/** The signed-in, active staff member, or null. */
export async function currentActor(requestHeaders?: Headers): Promise<Actor | null> {
  const session = await auth().api.getSession({ headers: requestHeaders ?? (await headers()) });
  if (!session || session.user.banned) return null;
  const { id, email, name, role } = session.user;
  return { id, email, name, role: asRole(role) };
}

/** For pages: sends the visitor to sign in, or away when the role can't open the page. */
export async function requirePageActor(permission: Permission, returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  if (!can(actor.role, permission)) redirect(`/denied?need=${encodeURIComponent(permission)}`);
  return actor;
}
