"use client";

import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { duplicateRowCount, kindNoun, type CheckSummary, type RowIssue } from "@/lib/bulk/check";
import { VirtualTable } from "./virtual-table";
import { USERPILOT_PATHS } from "@/lib/userpilot/protocol";

type Props = {
  result: CheckSummary;
  baseUrl: string;
  onDownloadInvalid: () => void;
  onStart: () => void;
  starting: boolean;
  startMessage: string | undefined;
};

const count = (n: number) => n.toLocaleString("en-US");
const rows = (n: number) => `${count(n)} ${n === 1 ? "row" : "rows"}`;

export function CheckStep({ result, baseUrl, onDownloadInvalid, onStart, starting, startMessage }: Props) {
  const issues = useMemo<RowIssue[]>(() => result.invalid.flatMap((row) => row.issues), [result]);
  const valid = result.validCount;
  const duplicateRows = duplicateRowCount(result.duplicates);
  const path = result.kind === "users" ? USERPILOT_PATHS.identifyUser : USERPILOT_PATHS.identifyCompany;
  return (
    <Card title="3. Check before sending">
      <div className="space-y-6">
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label="Row counts">
          <Count label="Valid rows" value={valid} testId="valid-count" tone="text-emerald-700" />
          <Count label="Invalid rows (skipped)" value={result.invalid.length} testId="invalid-count" tone={result.invalid.length ? "text-rose-700" : "text-slate-900"} />
          <Count label="Rows repeating an id" value={duplicateRows} testId="duplicate-count" tone={duplicateRows ? "text-amber-700" : "text-slate-900"} />
        </dl>

        <section aria-labelledby="bulk-preview-title">
          <h3 id="bulk-preview-title" className="text-sm font-semibold text-slate-900">The first {result.preview.length === 1 ? "row" : `${result.preview.length} rows`} as they will be sent</h3>
          {result.preview.length === 0 ? (
            <p className="mt-1 text-sm text-slate-600">No row can be sent: fix the rows below or the mapping above.</p>
          ) : (
            <>
              <p className="mt-1 mb-2 text-xs text-slate-500"><span className="font-mono">POST {baseUrl}{path}</span>, one call per row</p>
              <pre aria-label="JSON of the first rows" tabIndex={0} data-testid="bulk-preview" className="max-h-72 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-relaxed text-slate-100">
                {result.preview.map(({ line, payload }) => `// line ${line}\n${JSON.stringify(payload, null, 2)}`).join("\n\n")}
              </pre>
            </>
          )}
        </section>

        {issues.length > 0 && (
          <section aria-labelledby="bulk-invalid-title" className="space-y-2">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 id="bulk-invalid-title" className="text-sm font-semibold text-slate-900">
                Invalid rows: {rows(result.invalid.length)} skipped
              </h3>
              <Button onClick={onDownloadInvalid} className="py-1 text-xs">Download invalid rows</Button>
            </div>
            <VirtualTable
              label="Invalid rows"
              testId="invalid-rows"
              columns={[{ name: "Line", width: "5rem" }, { name: "Column", width: "minmax(6rem,1fr)" }, { name: "Value", width: "minmax(6rem,1fr)" }, { name: "Reason", width: "minmax(12rem,3fr)" }]}
              rowCount={issues.length}
              cells={(index) => {
                const issue = issues[index];
                return issue ? [String(issue.line), issue.column ?? "(whole row)", issue.value, issue.reason] : [];
              }}
            />
          </section>
        )}

        {result.duplicates.length > 0 && (
          <section aria-labelledby="bulk-duplicates-title" className="space-y-2">
            <h3 id="bulk-duplicates-title" className="text-sm font-semibold text-slate-900">Repeated ids: {count(result.duplicates.length)}</h3>
            <p className="text-sm text-slate-600">
              These ids are on more than one row. Every row is sent in file order, so where rows set the same property the
              later line wins, as Userpilot merges them in order.
            </p>
            <VirtualTable
              label="Repeated ids"
              testId="duplicate-ids"
              columns={[{ name: result.kind === "users" ? "User ID" : "Company ID", width: "minmax(8rem,1fr)" }, { name: "Lines (the last wins)", width: "minmax(12rem,2fr)" }]}
              rowCount={result.duplicates.length}
              cells={(index) => {
                const duplicate = result.duplicates[index];
                return duplicate ? [duplicate.id, duplicate.lines.join(", ")] : [];
              }}
            />
          </section>
        )}

        <div className="space-y-2 border-t border-slate-100 pt-4">
          <Button variant="primary" onClick={onStart} disabled={valid === 0 || starting}>
            {starting ? "Starting…" : `Start sync of ${count(valid)} ${kindNoun(result.kind, valid)}…`}
          </Button>
          {startMessage && (
            <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm font-medium text-rose-800 ring-1 ring-rose-200">{startMessage}</p>
          )}
        </div>
      </div>
    </Card>
  );
}

function Count({ label, value, testId, tone }: { label: string; value: number; testId: string; tone: string }) {
  return (
    <div className="rounded-md bg-slate-50 p-3 ring-1 ring-slate-200">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd data-testid={testId} className={`text-lg font-semibold ${tone}`}>{count(value)}</dd>
    </div>
  );
}
