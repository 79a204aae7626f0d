"use client";

import { lazy, Suspense, useEffect, useRef, useState } from "react";
import { useEnvironmentSelection } from "@/components/environments/environment-context";
import { EnvironmentSelect } from "@/components/environments/environment-select";
import { IdentifyForm, type SubmitResult } from "@/components/identify/identify-form";
import { OutcomePanel, preloadOutcomeDetails, type PanelState } from "@/components/identify/outcome-panel";
import { RegistryProvider } from "@/components/identify/registry-context";
import { useJsonRead, type JsonRead } from "@/components/identify/use-json-read";
import { profilePaths } from "@/lib/browser/profile-paths";
import { historyChanged } from "@/lib/browser/query-client";
import type { Identifies, IdentifyFormValues } from "@/lib/identify/schema";
import type { TypeDrift } from "@/lib/profiles/drift";
import { formDrifts } from "@/lib/profiles/form-changes";
import type { RegistryEntry, RegistryResponse } from "@/lib/profiles/types";

// Only a production environment or a type drift asks for confirmation: the dialog loads the first time it is needed.
const ConfirmDialog = lazy(() => import("@/components/ui/confirm-dialog").then((module) => ({ default: module.ConfirmDialog })));
const ChangePreview = lazy(() => import("@/components/identify/change-preview").then((module) => ({ default: module.ChangePreview })));

type Props = { defaultValues: IdentifyFormValues; defaultIdentifies: Identifies; replayOf?: string };
/** A send waiting for its confirmation (production, type drift, or both), and how to tell the form what came of it. */
type Awaiting = { values: IdentifyFormValues; production: boolean; drifts: TypeDrift[]; settle: (result: SubmitResult) => void };

const NOTHING_REFUSED: SubmitResult = { fields: [] };
const NO_REGISTRY: RegistryEntry[] = [];
const entriesOf = (read: JsonRead<RegistryResponse>) => (read.kind === "ok" ? read.data.entries : NO_REGISTRY);
// The registry (name suggestions, type drift warnings) and the change preview start when the form is first
// entered, or at once for a form that opens filled in (edit and resend): their schemas, and zod with them, load
// then, not with the page.
const registrySchema = () => import("@/lib/profiles/types").then((module) => module.registryResponseSchema);
const filledIn = (values: IdentifyFormValues) =>
  values.userId !== "" ||
  values.companyId !== "" ||
  [...values.properties, ...values.companyProperties].some((row) => row.name !== "" || row.value !== "");

export function IdentifyClient({ defaultValues, defaultIdentifies, replayOf }: Props) {
  const { selected } = useEnvironmentSelection();
  const [identifies, setIdentifies] = useState(defaultIdentifies);
  const [panel, setPanel] = useState<PanelState>({ kind: "idle" });
  const [awaitingConfirmation, setAwaitingConfirmation] = useState<Awaiting | null>(null);
  const [confirmNeeded, setConfirmNeeded] = useState(false);
  const [sending, setSending] = useState(false);
  // Bumped after each send: the known profiles and the registry are read again.
  const [sends, setSends] = useState(0);
  // A ref as well as state: a second submit in the same tick must see the first one.
  const inFlight = useRef(false);
  const [inUse, setInUse] = useState(() => filledIn(defaultValues));
  const registryRead = useJsonRead(
    selected && inUse ? { path: profilePaths.registry(selected.id), schema: registrySchema } : null,
    sends,
  );
  const registry = entriesOf(registryRead);
  const registrySettled = useSettledRegistry(registryRead);

  /** Sends and answers the fields the server (or Userpilot) refused, for the form to mark. */
  async function send(values: IdentifyFormValues): Promise<SubmitResult> {
    if (inFlight.current) return NOTHING_REFUSED;
    inFlight.current = true;
    setSending(true);
    setPanel({ kind: "sending" });
    preloadOutcomeDetails();
    try {
      // The client side of a send (and the schemas that read its answer) loads with the first send.
      const [{ sendIdentify }, { statusKind }] = await Promise.all([
        import("@/lib/browser/send-identify"),
        import("@/lib/outcome/status"),
      ]);
      const result = await sendIdentify({
        environmentId: selected?.id ?? null,
        replayOf: replayOf ?? null,
        identifies,
        values,
      });
      if (result.ok) {
        setPanel({ kind: "outcome", outcome: result.outcome, accepted: statusKind(result.outcome.status) === "accepted" });
        return { fields: result.outcome.fieldErrors };
      }
      setPanel({ kind: "error", message: result.message });
      return { fields: result.fields };
    } catch {
      // Only loading the code above can fail this way (the network is gone): nothing left the browser.
      setPanel({ kind: "error", message: "The console's server could not be reached. Nothing was sent; your input is kept." });
      return NOTHING_REFUSED;
    } finally {
      inFlight.current = false;
      setSending(false);
      setSends((count) => count + 1);
      historyChanged();
    }
  }

  const awaiting = awaitingConfirmation;
  return (
    <div className="space-y-6">
      <EnvironmentSelect disabled={sending} />
      <RegistryProvider value={registry}>
        <IdentifyForm
          defaultValues={defaultValues}
          baseUrl={selected?.baseUrl ?? ""}
          sending={sending}
          identifies={identifies}
          onIdentifiesChange={setIdentifies}
          onFirstUse={() => setInUse(true)}
          onSubmit={async (values) => {
            const production = selected?.isProduction ?? false;
            // A type drift must ask before the send, however soon after the form was entered Send comes.
            const drifts = formDrifts(await registrySettled(), values, identifies);
            if (!production && drifts.length === 0) return send(values);
            setConfirmNeeded(true);
            return new Promise((settle) => setAwaitingConfirmation({ values, production, drifts, settle }));
          }}
          outcome={
            <>
              <OutcomePanel state={panel} />
              {selected && inUse && (
                <Suspense fallback={null}>
                  <ChangePreview
                    environmentId={selected.id}
                    environmentLabel={selected.label}
                    identifies={identifies}
                    version={sends}
                  />
                </Suspense>
              )}
            </>
          }
        />
      </RegistryProvider>
      {confirmNeeded && (
        <Suspense fallback={null}>
          <ConfirmDialog
            open={awaiting !== null}
            title={
              awaiting?.production === false
                ? "Send with a changed type?"
                : `Send to ${selected?.label ?? "production"}?`
            }
            confirmLabel={awaiting?.production === false ? "Send anyway" : `Send to ${selected?.name ?? "production"}`}
            tone="danger"
            onConfirm={() => {
              if (awaiting) void send(awaiting.values).then(awaiting.settle);
              setAwaitingConfirmation(null);
            }}
            onCancel={() => {
              awaiting?.settle(NOTHING_REFUSED);
              setAwaitingConfirmation(null);
            }}
          >
            {awaiting?.production !== false && (
              <p>
                <span className="font-semibold">{selected?.label}</span> is a production environment: this changes a
                real Userpilot profile.
              </p>
            )}
            {awaiting && awaiting.drifts.length > 0 && (
              <>
                <p>
                  {awaiting.drifts.length === 1 ? "This property is" : "These properties are"} sent as another type
                  than before; segments built on the earlier type stop matching:
                </p>
                <ul aria-label="Properties that change type" className="list-disc space-y-1 pl-5">
                  {awaiting.drifts.map((drift) => (
                    <li key={`${drift.group}-${drift.name}`}>{drift.message}</li>
                  ))}
                </ul>
              </>
            )}
          </ConfirmDialog>
        </Suspense>
      )}
    </div>
  );
}

/** The registry once it is read (a read under way is waited for): what a send checks its types against. */
function useSettledRegistry(read: JsonRead<RegistryResponse>): () => Promise<RegistryEntry[]> {
  const latest = useRef({ read, waiting: [] as ((entries: RegistryEntry[]) => void)[] });
  useEffect(() => {
    latest.current.read = read;
    if (read.kind !== "loading") for (const wake of latest.current.waiting.splice(0)) wake(entriesOf(read));
  }, [read]);
  return () => {
    const { read: now, waiting } = latest.current;
    return now.kind === "loading" ? new Promise((wake) => waiting.push(wake)) : Promise.resolve(entriesOf(now));
  };
}
