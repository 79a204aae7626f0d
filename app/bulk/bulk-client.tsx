"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { CheckStep } from "@/components/bulk/check-step";
import { MappingStep } from "@/components/bulk/mapping-step";
import { SourceStep, type SourceState } from "@/components/bulk/source-step";
import { useEnvironmentSelection } from "@/components/environments/environment-context";
import { EnvironmentSelect } from "@/components/environments/environment-select";
import { useJsonRead } from "@/components/identify/use-json-read";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import type { CheckSummary } from "@/lib/bulk/check";
import { invalidRowsCsv } from "@/lib/bulk/invalid-csv";
import { mappingDrifts } from "@/lib/bulk/mapping-drift";
import { defaultMapping, hasMappingProblems, mappingProblems, type BulkKind, type BulkMapping, type MappingProblems } from "@/lib/bulk/mapping";
import { confirmSummary } from "@/lib/bulk/summary";
import type { ParsedSummary } from "@/lib/bulk/worker-protocol";
import type { TypeDrift } from "@/lib/profiles/drift";
import { startBulkJob } from "@/lib/browser/bulk-jobs";
import { loadMapping, saveMapping } from "@/lib/browser/bulk/mapping-storage";
import { knownProfileReads } from "@/lib/browser/known-profile-reads";
import { BulkParser } from "@/lib/browser/bulk/worker-client";

type Parsed = { name: string; summary: ParsedSummary; remembered: boolean };

const NO_DRIFTS: ReadonlyMap<number, TypeDrift> = new Map();

export function BulkClient() {
  const router = useRouter();
  const { selected } = useEnvironmentSelection();
  const parser = useRef<BulkParser | null>(null);
  const [source, setSource] = useState<SourceState>({ kind: "idle" });
  const [parsed, setParsed] = useState<Parsed>();
  const [mapping, setMappingState] = useState<BulkMapping>();
  const [problems, setProblems] = useState<MappingProblems>();
  const [checking, setChecking] = useState(false);
  const [check, setCheck] = useState<CheckSummary>();
  const [confirming, setConfirming] = useState(false);
  const [starting, setStarting] = useState(false);
  const [startMessage, setStartMessage] = useState<string>();
  // The selected environment's type registry, for the same drift warnings per column as the Identify form.
  const registryRead = useJsonRead(selected && parsed ? knownProfileReads.registry(selected.id) : null, 0);
  const registry = registryRead.kind === "ok" ? registryRead.data.entries : undefined;
  const drifts = useMemo(() => (registry && mapping ? mappingDrifts(registry, mapping) : NO_DRIFTS), [registry, mapping]);

  useEffect(() => () => parser.current?.terminate(), []);
  // Marks for the benchmark (scripts/bench/bulk-parse.ts): from the file chosen to the mapping, and the check shown.
  useEffect(() => {
    if (parsed) performance.mark("bulk:parsed");
  }, [parsed]);
  useEffect(() => {
    if (check) performance.mark("bulk:checked");
  }, [check]);

  function setMapping(next: BulkMapping) {
    setMappingState(next);
    setCheck(undefined);
    setStartMessage(undefined);
    if (problems) setProblems(mappingProblems(next));
  }

  async function read(name: string, input: { file: File } | { text: string }) {
    performance.mark("bulk:chosen");
    parser.current ??= new BulkParser();
    setSource({ kind: "parsing", name, fraction: 0 });
    setParsed(undefined);
    setCheck(undefined);
    setProblems(undefined);
    setStartMessage(undefined);
    const result = await parser.current.parse(input, (fraction) => setSource({ kind: "parsing", name, fraction }));
    if (!result.ok) return setSource({ kind: "error", name, message: result.message });
    const summary = result.value;
    const stored = selected ? loadMapping(selected.id, summary.headers) : undefined;
    setSource({ kind: "parsed", name });
    setMappingState(stored ?? defaultMapping("users", summary.headers, summary.suggestions));
    setParsed({ name, summary, remembered: stored !== undefined });
  }

  function changeKind(kind: BulkKind) {
    if (!mapping || !parsed) return;
    const fresh = defaultMapping(kind, parsed.summary.headers, parsed.summary.suggestions);
    setMapping({ ...fresh, columns: mapping.columns });
  }

  async function runCheck() {
    if (!mapping || !parsed || !parser.current) return;
    const found = mappingProblems(mapping);
    setProblems(found);
    if (hasMappingProblems(found)) return;
    if (selected) saveMapping(selected.id, parsed.summary.headers, mapping);
    performance.mark("bulk:check");
    setChecking(true);
    const result = await parser.current.check(mapping);
    setChecking(false);
    if (result.ok) setCheck(result.value);
    else setSource({ kind: "error", name: parsed.name, message: result.message });
  }

  function downloadInvalid() {
    if (!check || !parsed) return;
    const csv = invalidRowsCsv(parsed.summary.headers, check.invalid, parsed.summary.delimiter);
    const url = URL.createObjectURL(new Blob([csv], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = `${parsed.name.replace(/\.(csv|tsv|txt)$/i, "")}-invalid-rows.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  async function start() {
    setConfirming(false);
    if (!parser.current || !parsed || !selected) return;
    setStarting(true);
    setStartMessage(undefined);
    const plan = await parser.current.plan(selected.id, parsed.name);
    const result = plan.ok ? await startBulkJob(plan.value) : plan;
    if (result.ok) return router.push(`/bulk/jobs?job=${encodeURIComponent(result.data.job.id)}`);
    setStarting(false);
    setStartMessage(result.message);
  }

  if (!selected) {
    return <p className="text-sm text-slate-600">No environment to send to: an admin adds one on the Environments page.</p>;
  }

  return (
    <div className="space-y-6">
      <EnvironmentSelect disabled={starting} />
      <SourceStep state={source} onFile={(file) => void read(file.name, { file })} onText={(text) => void read("Pasted text", { text })} />
      {parsed && mapping && (
        <MappingStep
          name={parsed.name}
          summary={parsed.summary}
          mapping={mapping}
          remembered={parsed.remembered}
          problems={problems}
          checking={checking}
          drifts={drifts}
          onKind={changeKind}
          onChange={setMapping}
          onCheck={() => void runCheck()}
        />
      )}
      {check && (
        <CheckStep
          result={check}
          baseUrl={selected.baseUrl}
          onDownloadInvalid={downloadInvalid}
          onStart={() => setConfirming(true)}
          starting={starting}
          startMessage={startMessage}
        />
      )}
      {check && (
        <ConfirmDialog
          open={confirming}
          title="Start the sync?"
          confirmLabel="Start sync"
          tone={selected.isProduction ? "danger" : "primary"}
          confirmDisabled={check.validCount === 0}
          onConfirm={() => void start()}
          onCancel={() => setConfirming(false)}
        >
          <p data-testid="bulk-confirm-summary" className="font-semibold text-slate-900">
            {confirmSummary(check.kind, check.validCount, check.invalid.length, selected.label)}
          </p>
          <p>
            Changed properties can move {check.kind === "users" ? "users" : "companies and their users"} into segments and
            start flows, checklists or surveys for them in Userpilot.
            {selected.isProduction && " This is a production environment: real profiles change."}
          </p>
          {drifts.size > 0 && (
            <div>
              <p id="bulk-confirm-drifts" className="font-medium text-amber-800">
                {drifts.size === 1 ? "This column is" : "These columns are"} sent as another type than before:
              </p>
              <ul aria-labelledby="bulk-confirm-drifts" className="list-disc pl-5">
                {[...drifts].map(([index, drift]) => (
                  <li key={index}>
                    {parsed?.summary.headers[index] || `Column ${index + 1}`}: {drift.message}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </ConfirmDialog>
      )}
    </div>
  );
}
