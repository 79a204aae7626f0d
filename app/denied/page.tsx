import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not allowed" };

export default function DeniedPage() {
  return (
    <div className="mx-auto max-w-lg space-y-3 pt-8">
      <h1 className="text-xl font-semibold tracking-tight">Your role can&apos;t open that page</h1>
      <p className="text-sm text-slate-600">Ask an admin for a role that allows it.</p>
      <Link href="/history" className="text-sm font-medium text-indigo-700 underline">Go to the history</Link>
    </div>
  );
}
