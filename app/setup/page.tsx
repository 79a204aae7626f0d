import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { hasUsers } from "@/lib/auth/first-admin";

export const metadata: Metadata = { title: "Set up" };

export default async function SetupPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  if (await hasUsers()) redirect("/login");
  const { token } = await searchParams;
  return (
    <div className="mx-auto max-w-sm space-y-6 pt-8">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Create the first admin</h1>
        <p className="mt-1 text-sm text-slate-600">
          Use the one-time link printed in the server&apos;s log at first start.
        </p>
      </div>
      {typeof token === "string" && token ? (
        <SetupForm token={token} />
      ) : (
        <p role="alert" className="text-sm text-rose-700">This page needs the set-up link from the server log.</p>
      )}
    </div>
  );
}
