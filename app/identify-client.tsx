"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { IdentifyForm, type ServerFieldError } from "@/components/identify/identify-form";
import { OutcomePanel, type PanelState } from "@/components/identify/outcome-panel";
import { postIdentify } from "@/lib/api/send-identify-request";
import { historyQueries } from "@/lib/history/query-options";
import type { IdentifyFormValues } from "@/lib/identify/schema";

type Props = { defaultValues: IdentifyFormValues; baseUrl: string; replayOf?: string };

export function IdentifyClient({ defaultValues, baseUrl, replayOf }: Props) {
  const queryClient = useQueryClient();
  const [panel, setPanel] = useState<PanelState>({ kind: "idle" });
  const [serverFieldErrors, setServerFieldErrors] = useState<ServerFieldError[]>([]);

  const send = useMutation({
    mutationFn: (values: IdentifyFormValues) => postIdentify(values, replayOf),
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
    <IdentifyForm
      defaultValues={defaultValues}
      baseUrl={baseUrl}
      sending={send.isPending}
      serverFieldErrors={serverFieldErrors}
      onSubmit={(values) => send.mutate(values)}
      outcome={<OutcomePanel state={panel} />}
    />
  );
}
