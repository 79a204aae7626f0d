"use client";

import { lazy, Suspense, useRef, useState } from "react";
import { useEnvironmentSelection } from "@/components/environments/environment-context";
import { EnvironmentSelect } from "@/components/environments/environment-select";
import { IdentifyForm, type SubmitResult } from "@/components/identify/identify-form";
import { OutcomePanel, preloadOutcomeDetails, type PanelState } from "@/components/identify/outcome-panel";
import { historyChanged } from "@/lib/browser/query-client";
import type { IdentifyFormValues } from "@/lib/identify/schema";

// Only a production environment asks for confirmation: the dialog loads the first time it is needed.
const ConfirmDialog = lazy(() => import("@/components/ui/confirm-dialog").then((module) => ({ default: module.ConfirmDialog })));

type Props = { defaultValues: IdentifyFormValues; replayOf?: string };
/** A production send waiting for its confirmation, and how to tell the form what came of it. */
type Awaiting = { values: IdentifyFormValues; settle: (result: SubmitResult) => void };

const NOTHING_REFUSED: SubmitResult = { fields: [] };

export function IdentifyClient({ defaultValues, replayOf }: Props) {
  const { selected } = useEnvironmentSelection();
  const [panel, setPanel] = useState<PanelState>({ kind: "idle" });
  const [awaitingConfirmation, setAwaitingConfirmation] = useState<Awaiting | null>(null);
  const [confirmNeeded, setConfirmNeeded] = useState(false);
  const [sending, setSending] = useState(false);
  // A ref as well as state: a second submit in the same tick must see the first one.
  const inFlight = useRef(false);

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
      const result = await sendIdentify({ environmentId: selected?.id ?? null, replayOf: replayOf ?? null, values });
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
        onSubmit={(values) => {
          if (!selected?.isProduction) return send(values);
          setConfirmNeeded(true);
          return new Promise((settle) => setAwaitingConfirmation({ values, settle }));
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
              if (awaitingConfirmation) void send(awaitingConfirmation.values).then(awaitingConfirmation.settle);
              setAwaitingConfirmation(null);
            }}
            onCancel={() => {
              awaitingConfirmation?.settle(NOTHING_REFUSED);
              setAwaitingConfirmation(null);
            }}
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
