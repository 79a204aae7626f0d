import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { loadReplay } from "@/lib/history/replay";
import { emptyFormValues } from "@/lib/identify/schema";
import { IdentifyClient } from "./identify-client";

export const metadata: Metadata = { title: "Identify" };

export default async function IdentifyPage({ searchParams }: { searchParams: Promise<{ from?: string | string[] }> }) {
  const params = await searchParams;
  const actor = await requirePageActor("history:read", typeof params.from === "string" ? `/?from=${params.from}` : "/");
  if (!can(actor.role, "identify:send")) {
    return (
      <div className="space-y-3">
        <h1 className="text-xl font-semibold tracking-tight">Identify a user</h1>
        <p className="text-sm text-slate-600">
          Your role ({actor.role}) can read the history but not send. Ask an admin for the operator role to send.
        </p>
        <Link href="/history" className="text-sm font-medium text-indigo-700 underline">Go to the history</Link>
      </div>
    );
  }
  const replay = await loadReplay(params.from);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Identify a user or a company</h1>
        <p className="mt-1 text-sm text-slate-600">
          Create or update a Userpilot user profile, or a company on its own. Properties merge into the profile;
          a property set to Remove is deleted.
        </p>
      </div>
      {replay && (
        <div role="note" className="rounded-lg bg-indigo-50 p-4 text-sm text-indigo-900 ring-1 ring-indigo-200">
          Editing a copy of{" "}
          <Link href={`/history/${replay.id}`} className="font-medium underline">an earlier request</Link>. Sending
          records a new history entry linked to it.
          {replay.droppedRedacted.length > 0 && (
            <> The history masked {replay.droppedRedacted.join(", ")}, so those properties are left out; add them again if they should change.</>
          )}
        </div>
      )}
      <IdentifyClient
        key={replay?.id ?? "new"}
        defaultValues={replay?.values ?? emptyFormValues()}
        defaultIdentifies={replay?.identifies ?? "user"}
        replayOf={replay?.id}
      />
    </div>
  );
}
