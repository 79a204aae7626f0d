import Link from "next/link";
import { can, type Permission } from "@/lib/auth/roles";
import type { Actor } from "@/lib/auth/session";
import { EnvironmentBadge } from "./environment-badge";
import { NavLink } from "./nav-link";
import { UserMenu } from "./user-menu";

const NAV: { href: string; label: string; permission: Permission }[] = [
  { href: "/", label: "Identify", permission: "history:read" },
  { href: "/bulk", label: "Bulk sync", permission: "identify:send" },
  { href: "/history", label: "History", permission: "history:read" },
  { href: "/sandbox", label: "Sandbox profiles", permission: "history:read" },
  { href: "/settings", label: "Environments", permission: "environments:manage" },
  { href: "/properties", label: "Property types", permission: "environments:manage" },
  { href: "/users", label: "Users", permission: "users:manage" },
  { href: "/audit", label: "Audit log", permission: "audit:read" },
];

export function AppHeader({ actor }: { actor: Actor | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex w-full max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-base font-semibold tracking-tight text-slate-900">
          Identify Console
        </Link>
        {actor && (
          <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
            {NAV.filter((item) => can(actor.role, item.permission)).map((item) => (
              <NavLink key={item.href} href={item.href}>
                {item.label}
              </NavLink>
            ))}
          </nav>
        )}
        <div className="ml-auto flex items-center gap-4">
          <EnvironmentBadge />
          {actor && <UserMenu email={actor.email} role={actor.role} />}
        </div>
      </div>
    </header>
  );
}
