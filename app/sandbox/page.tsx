import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ProfileView } from "@/components/sandbox/profile-view";
import { requirePageActor } from "@/lib/auth/session";
import { resolveEnvironment } from "@/lib/environments/store";
import { SANDBOX_ID } from "@/lib/environments/types";
import { readInAppProfile } from "@/lib/sandbox/in-app";
import { fetchSandboxProfile } from "@/lib/sandbox/profile-client";

export const metadata: Metadata = { title: "Sandbox profiles" };

export default async function SandboxPage({ searchParams }: { searchParams: Promise<{ user?: string | string[] }> }) {
  await requirePageActor("history:read", "/sandbox");
  const resolved = await resolveEnvironment(SANDBOX_ID);
  // The sandbox's key comes from the configuration, never from a sealed row: it is always readable.
  const sandbox = typeof resolved === "object" ? resolved : undefined;
  const { user } = await searchParams;
  const userId = typeof user === "string" ? user : "";

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Sandbox profiles</h1>
        <p className="mt-1 text-sm text-slate-600">
          The sandbox behaves like Userpilot and keeps what it accepted, so you can see what a send did.
        </p>
      </div>
      {!sandbox ? (
        <Card>
          <p className="text-sm text-slate-700">
            The sandbox is turned off (SANDBOX=off). Userpilot&apos;s own dashboard shows real profiles.
          </p>
        </Card>
      ) : (
        <>
          <form method="get" className="flex max-w-xl items-end gap-3" role="search" aria-label="Find a sandbox profile">
            <div className="flex-1">
              <label htmlFor="user" className="mb-1 block text-sm font-medium text-slate-800">
                User ID
              </label>
              <Input id="user" name="user" defaultValue={userId} autoComplete="off" spellCheck={false} required />
            </div>
            <Button type="submit" variant="primary">
              Show profile
            </Button>
          </form>
          {userId && (
            <ProfileResult userId={userId} baseUrl={sandbox.builtInSandbox ? undefined : sandbox.baseUrl} />
          )}
        </>
      )}
    </div>
  );
}

/** `baseUrl` of an external sandbox; without it, the built-in one's store is read on the server. */
async function ProfileResult({ userId, baseUrl }: { userId: string; baseUrl: string | undefined }) {
  const lookup = baseUrl === undefined ? await readInAppProfile(userId) : await fetchSandboxProfile(baseUrl, userId);
  if (lookup.kind === "not_found") {
    return (
      <Card>
        <p className="text-sm text-slate-700" role="status">
          The sandbox has no user <span className="font-mono">{userId}</span> yet. Send an identify for it first.
        </p>
      </Card>
    );
  }
  if (lookup.kind === "unavailable") {
    return (
      <Card>
        <p className="text-sm text-rose-800" role="alert">
          The sandbox could not be read: {lookup.message}
        </p>
      </Card>
    );
  }
  return <ProfileView profile={lookup.profile} />;
}
