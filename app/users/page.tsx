import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/session";
import { listStaff } from "@/lib/auth/users";
import { UsersClient } from "./users-client";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePageActor("users:manage", "/users");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Users</h1>
        <p className="mt-1 text-sm text-slate-600">
          Staff accounts. Viewers read the history; operators also send and resend; admins also manage environments,
          keys, users and retention.
        </p>
      </div>
      <UsersClient firstPage={await listStaff()} selfId={actor.id} />
    </div>
  );
}
