import type { Metadata } from "next";
import type { ReactNode } from "react";
import { connection } from "next/server";
import { resolveTarget } from "@/lib/env";
import { AppHeader } from "@/components/layout/app-header";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Identify Console", template: "%s · Identify Console" },
  description: "Change Userpilot user profiles by hand, safely, with every change on record.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The target is configuration read at request time, never baked into a static page.
  await connection();
  const target = resolveTarget();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>
          <AppHeader environmentLabel={target.label} isSandbox={target.mode === "sandbox"} />
          <main className="mx-auto w-full max-w-6xl px-4 py-8 sm:px-6">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
