import type { Metadata } from "next";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/layout/app-header";
import { EnvironmentProvider } from "@/components/environments/environment-context";
import { currentActor } from "@/lib/auth/session";
import { listEnvironments } from "@/lib/environments/store";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Identify Console", template: "%s · Identify Console" },
  description: "Change Userpilot user profiles by hand, safely, with every change on record.",
  icons: { icon: "/icon.svg" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const actor = await currentActor();
  const environments = actor ? await listEnvironments() : [];
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <Providers>
          <EnvironmentProvider environments={environments}>
            <AppHeader actor={actor} />
            <main className="mx-auto w-full max-w-7xl px-4 py-8 sm:px-6">{children}</main>
          </EnvironmentProvider>
        </Providers>
      </body>
    </html>
  );
}
