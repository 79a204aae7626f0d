"use client";

import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";

export function UserMenu({ email, role }: { email: string; role: string }) {
  const router = useRouter();
  async function signOut() {
    await fetch("/api/auth/sign-out", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" }).catch(() => undefined);
    router.push("/login");
    router.refresh();
  }
  return (
    <div className="flex items-center gap-3 text-sm">
      <span className="text-slate-600">
        <span className="font-medium text-slate-800">{email}</span> · {role}
      </span>
      <Button type="button" variant="ghost" onClick={() => void signOut()}>
        Sign out
      </Button>
    </div>
  );
}
