"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "@/components/ui/toasts";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { resendEntry } from "@/lib/browser/resend-entry";
import { historyQueries } from "@/lib/browser/history-queries";
import { statusLabel } from "@/lib/outcome/status";

type Props = { id: string; redactedNames: string[]; canResend: boolean };

export function RequestActions({ id, redactedNames, canResend }: Props) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const resend = useMutation({
    mutationFn: () => resendEntry(id),
    onSuccess: async (result) => {
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: historyQueries.all() });
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      toast.success(`Sent again: ${statusLabel(result.outcome.status)}`);
      if (result.outcome.notRecorded) {
        toast.warning(`The history could not record this outcome (${result.outcome.notRecorded}); it shows as pending.`);
      }
      router.push(`/history/${result.outcome.historyId}`);
    },
  });

  return (
    <div className="flex gap-2">
      <Link
        href={`/?from=${id}`}
        className="inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
      >
        Edit and resend
      </Link>
      {canResend && (
        <Button type="button" variant="primary" onClick={() => setConfirming(true)}>
          Resend
        </Button>
      )}
      <ConfirmDialog
        open={confirming}
        title="Send this request again?"
        confirmLabel="Resend"
        busy={resend.isPending}
        onConfirm={() => resend.mutate()}
        onCancel={() => setConfirming(false)}
      >
        <p>The same body goes to Userpilot again, recorded as a new history entry linked to this one.</p>
        {redactedNames.length > 0 && (
          <p className="font-medium text-amber-800">
            The history masked {redactedNames.join(", ")}: those properties are left out, so Userpilot keeps their
            current values. Use Edit and resend to set them.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
