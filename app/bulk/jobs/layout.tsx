import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query/query-provider";

export default function BulkJobsLayout({ children }: { children: ReactNode }) {
  return <QueryProvider>{children}</QueryProvider>;
}
