import Link from "next/link";
import { EnvironmentBadge } from "./environment-badge";
import { NavLink } from "./nav-link";

const NAV = [
  { href: "/", label: "Identify" },
  { href: "/history", label: "History" },
  { href: "/sandbox", label: "Sandbox profiles" },
] as const;

export function AppHeader({ environmentLabel, isSandbox }: { environmentLabel: string; isSandbox: boolean }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/" className="text-base font-semibold tracking-tight text-slate-900">
          Identify Console
        </Link>
        <nav aria-label="Main" className="flex items-center gap-1">
          {NAV.map((item) => (
            <NavLink key={item.href} href={item.href}>
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="ml-auto">
          <EnvironmentBadge label={environmentLabel} isSandbox={isSandbox} />
        </div>
      </div>
    </header>
  );
}
