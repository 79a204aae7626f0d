"use client";

import type { ReactNode } from "react";
import { Toasts } from "@/components/ui/toasts";

// TanStack Query's provider lives in app/history/layout.tsx, the only pages that read through it.
export function Providers({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <Toasts />
    </>
  );
}
