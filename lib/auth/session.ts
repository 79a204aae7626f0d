import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "./auth";
import { asRole, can, type Permission, type Role } from "./roles";

export type Actor = { id: string; email: string; name: string; role: Role };

// The auth library's session check costs more CPU than the rest of a send, and every request runs it, so
// a verdict is reused for a few seconds per session cookie (never past the session's expiry). Every POST
// through the auth endpoints (sign-out, role changes, bans) and every change on the Users page clears it,
// so only a change made by another server process can take up to ACTOR_CACHE_MS to apply here: with several
// servers on one PostgreSQL database, a role change or a deactivation on one holds on all within 5 s
// (e2e/two-servers.spec.ts).
const ACTOR_CACHE_MS = 5_000;
const ACTOR_CACHE_SIZE = 1_000;
// On globalThis: Next bundles pages and route handlers separately, and each bundle would get its own Map,
// so a route clearing it would leave the pages' copy stale.
// `generation` counts clears: a lookup that started before a clear must not store what it read.
const holder = globalThis as typeof globalThis & {
  __identifyConsoleActors?: { entries: Map<string, { actor: Actor | null; until: number }>; generation: number };
};
const memo = (holder.__identifyConsoleActors ??= { entries: new Map(), generation: 0 });
const recentActors = memo.entries;

type SessionLookup = (requestHeaders: Headers) => ReturnType<ReturnType<typeof auth>["api"]["getSession"]>;
const librarySession: SessionLookup = (requestHeaders) => auth().api.getSession({ headers: requestHeaders });

/** The signed-in, active staff member, or null. `lookup` is the auth library's session check (tests replace it). */
export async function currentActor(requestHeaders?: Headers, lookup: SessionLookup = librarySession): Promise<Actor | null> {
  const source = requestHeaders ?? (await headers());
  const key = source.get("cookie") ?? "";
  const now = Date.now();
  const cached = key ? recentActors.get(key) : undefined;
  if (cached && cached.until > now) return cached.actor;

  const generation = memo.generation;
  const session = await lookup(source);
  const actor: Actor | null =
    !session || session.user.banned
      ? null
      : { id: session.user.id, email: session.user.email, name: session.user.name, role: asRole(session.user.role) };
  if (key && generation === memo.generation) {
    if (recentActors.size >= ACTOR_CACHE_SIZE) recentActors.clear();
    const expires = session ? new Date(session.session.expiresAt).getTime() : Infinity;
    recentActors.set(key, { actor, until: Math.min(now + ACTOR_CACHE_MS, expires) });
  }
  return actor;
}

/** After a sign-out, a role change or a (de)activation: every session is checked again. */
export function forgetActors(): void {
  memo.generation += 1;
  recentActors.clear();
}

/** For pages: sends the visitor to sign in, or away when the role can't open the page. */
export async function requirePageActor(permission: Permission, returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(`/login?next=${encodeURIComponent(returnTo)}`);
  if (!can(actor.role, permission)) redirect(`/denied?need=${encodeURIComponent(permission)}`);
  return actor;
}
