import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/session";
import { listEnvironments } from "@/lib/environments/store";
import { EnvironmentsClient } from "./environments-client";

export const metadata: Metadata = { title: "Environments" };

export default async function SettingsPage() {
  await requirePageActor("environments:manage", "/settings");
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Environments</h1>
        <p className="mt-1 text-sm text-slate-600">
          Where sends can go. API keys are stored encrypted and are write-only: once saved, only their last four
          characters are shown.
        </p>
      </div>
      <EnvironmentsClient initial={await listEnvironments()} />
    </div>
  );
}
