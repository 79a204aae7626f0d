import type { Metadata } from "next";
import Link from "next/link";
import { can } from "@/lib/auth/roles";
import { requirePageActor } from "@/lib/auth/session";
import { BulkClient } from "./bulk-client";

export const metadata: Metadata = { title: "Bulk sync" };

export default async function BulkPage() {
  const actor = await requirePageActor("history:read", "/bulk");
  const heading = <h1 className="text-xl font-semibold tracking-tight">Bulk sync from CSV</h1>;
  if (!can(actor.role, "identify:send")) {
    return (
      <div className="space-y-3">
        {heading}
        <p className="text-sm text-slate-600">
          Your role ({actor.role}) can read the history but not send. Ask an admin for the operator role to sync a file.
        </p>
        <Link href="/history" className="text-sm font-medium text-indigo-700 underline">Go to the history</Link>
      </div>
    );
  }
  return (
    <div className="space-y-6">
      <div>
        {heading}
        <p className="mt-1 text-sm text-slate-600">
          Update many Userpilot users or companies from a spreadsheet. Every value stays the text it was in the file
          until you give its column a type, and nothing is sent until you have checked the rows and confirmed. Syncs run
          on the server as jobs:{" "}
          <Link href="/bulk/jobs" className="font-medium text-indigo-700 underline">
            see the bulk jobs
          </Link>
          .
        </p>
      </div>
      <BulkClient />
    </div>
  );
}
