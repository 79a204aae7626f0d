import type { Metadata } from "next";

export const metadata: Metadata = { title: "History" };

export default function HistoryPage() {
  return (
    <div className="space-y-2">
      <h1 className="text-xl font-semibold tracking-tight">History</h1>
      <p className="text-sm text-slate-600">Every send is recorded. The history view is being built.</p>
    </div>
  );
}
