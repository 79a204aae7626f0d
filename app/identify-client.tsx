"use client";

import { lazy, Suspense, useRef, useState } from "react";
import { useEnvironmentSelection } from "@/components/environments/environment-context";
import { EnvironmentSelect } from "@/components/environments/environment-select";
import { IdentifyForm, type ServerFieldError } from "@/components/identify/identify-form";
import { OutcomePanel, preloadOutcomeDetails, type PanelState } from "@/components/identify/outcome-panel";
import { historyChanged } from "@/lib/browser/query-client";
import type { IdentifyFormValues } from "@/lib/identify/schema";

// Only a production environment asks for confirmation: the dialog loads the first time it is needed.
const ConfirmDialog = lazy(() => import("@/components/ui/confirm-dialog").then((module) => ({ default: module.ConfirmDialog })));

type Props = { defaultValues: IdentifyFormValues; replayOf?: string };

export function IdentifyClient({ defaultValues, replayOf }: Props) {
  const { selected } = useEnvironmentSelection();
  const [panel, setPanel] = useState<PanelState>({ kind: "idle" });
  const [serverFieldErrors, setServerFieldErrors] = useState<ServerFieldError[]>([]);
  const [awaitingConfirmation, setAwaitingConfirmation] = useState<IdentifyFormValues | null>(null);
  const [confirmNeeded, setConfirmNeeded] = useState(false);
  const [sending, setSending] = useState(false);
  // A ref as well as state: a second submit in the same tick must see the first one.
  const inFlight = useRef(false);

  async function send(values: IdentifyFormValues) {
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setPanel({ kind: "sending" });
    setServerFieldErrors([]);
    preloadOutcomeDetails();
    try {
      // The client side of a send (and the schemas that read its answer) loads with the first send.
      const [{ postIdentify }, { statusKind }] = await Promise.all([
        import("@/lib/api/send-identify-request"),
        import("@/lib/outcome/status"),
      ]);
      const result = await postIdentify(values, { replayOf, environment: selected?.id });
      if (result.ok) {
        setPanel({ kind: "outcome", outcome: result.outcome, accepted: statusKind(result.outcome.status) === "accepted" });
        setServerFieldErrors(result.outcome.fieldErrors);
      } else {
        setPanel({ kind: "error", message: result.message });
        setServerFieldErrors(result.fields.map((field) => ({ field: field.path, message: field.message })));
      }
    } catch {
      // Only loading the code above can fail this way (the network is gone): nothing left the browser.
      setPanel({ kind: "error", message: "The console's server could not be reached. Nothing was sent; your input is kept." });
    } finally {
      inFlight.current = false;
      setSending(false);
      historyChanged();
    }
  }

  return (
    <div className="space-y-6">
      <EnvironmentSelect disabled={sending} />
      <IdentifyForm
        defaultValues={defaultValues}
        baseUrl={selected?.baseUrl ?? ""}
        sending={sending}
        serverFieldErrors={serverFieldErrors}
        onSubmit={(values) => {
          if (!selected?.isProduction) return void send(values);
          setConfirmNeeded(true);
          setAwaitingConfirmation(values);
        }}
        outcome={<OutcomePanel state={panel} />}
      />
      {confirmNeeded && (
        <Suspense fallback={null}>
          <ConfirmDialog
            open={awaitingConfirmation !== null}
            title={`Send to ${selected?.label ?? "production"}?`}
            confirmLabel={`Send to ${selected?.name ?? "production"}`}
            tone="danger"
            onConfirm={() => {
              if (awaitingConfirmation) void send(awaitingConfirmation);
              setAwaitingConfirmation(null);
            }}
            onCancel={() => setAwaitingConfirmation(null)}
          >
            <p>
              <span className="font-semibold">{selected?.label}</span> is a production environment: this changes a
              real Userpilot profile.
            </p>
          </ConfirmDialog>
        </Suspense>
      )}
    </div>
  );
}
