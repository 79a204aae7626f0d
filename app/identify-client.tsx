"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useEnvironmentSelection } from "@/components/environments/environment-context";
import { EnvironmentSelect } from "@/components/environments/environment-select";
import { IdentifyForm, type ServerFieldError } from "@/components/identify/identify-form";
import { OutcomePanel, type PanelState } from "@/components/identify/outcome-panel";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { postIdentify } from "@/lib/api/send-identify-request";
import { historyQueries } from "@/lib/history/query-options";
import type { IdentifyFormValues } from "@/lib/identify/schema";

type Props = { defaultValues: IdentifyFormValues; replayOf?: string };

export function IdentifyClient({ defaultValues, replayOf }: Props) {
  const queryClient = useQueryClient();
  const { selected } = useEnvironmentSelection();
  const [panel, setPanel] = useState<PanelState>({ kind: "idle" });
  const [serverFieldErrors, setServerFieldErrors] = useState<ServerFieldError[]>([]);
  const [awaitingConfirmation, setAwaitingConfirmation] = useState<IdentifyFormValues | null>(null);

  const send = useMutation({
    mutationFn: (values: IdentifyFormValues) => postIdentify(values, { replayOf, environment: selected?.id }),
    onMutate: () => {
      setPanel({ kind: "sending" });
      setServerFieldErrors([]);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: historyQueries.all() }),
    onSuccess: (result) => {
      if (result.ok) {
        setPanel({ kind: "outcome", outcome: result.outcome });
        setServerFieldErrors(result.outcome.fieldErrors);
      } else {
        setPanel({ kind: "error", message: result.message });
        setServerFieldErrors(result.fields.map((field) => ({ field: field.path, message: field.message })));
      }
    },
  });

  return (
    <div className="space-y-6">
      <EnvironmentSelect disabled={send.isPending} />
      <IdentifyForm
        defaultValues={defaultValues}
        baseUrl={selected?.baseUrl ?? ""}
        sending={send.isPending}
        serverFieldErrors={serverFieldErrors}
        onSubmit={(values) => (selected?.isProduction ? setAwaitingConfirmation(values) : send.mutate(values))}
        outcome={<OutcomePanel state={panel} />}
      />
      <ConfirmDialog
        open={awaitingConfirmation !== null}
        title={`Send to ${selected?.label ?? "production"}?`}
        confirmLabel={`Send to ${selected?.name ?? "production"}`}
        tone="danger"
        onConfirm={() => {
          if (awaitingConfirmation) send.mutate(awaitingConfirmation);
          setAwaitingConfirmation(null);
        }}
        onCancel={() => setAwaitingConfirmation(null)}
      >
        <p>
          <span className="font-semibold">{selected?.label}</span> is a production environment: this changes a real
          Userpilot profile.
        </p>
      </ConfirmDialog>
    </div>
  );
}
