"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import type { ErasureReview } from "@/lib/browser/erase-user-history";

type Props = {
  reviewFor: (userId: string) => Promise<ErasureReview>;
  onErase: (userId: string) => Promise<number>;
};

/** Erasure for a deletion request: names the user, shows how many rows go, then deletes on confirmation. */
export function EraseUserHistory({ reviewFor, onErase }: Props) {
  const [userId, setUserId] = useState("");
  const [review, setReview] = useState<ErasureReview | null>(null);
  const count = review?.count ?? null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function startReview() {
    setError(null);
    try {
      setReview(await reviewFor(userId.trim()));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : "Could not count the rows");
    }
  }

  async function erase() {
    setBusy(true);
    try {
      await onErase(userId.trim());
      setReview(null);
      setUserId("");
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : "Could not erase the rows");
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <summary className="cursor-pointer text-sm font-semibold text-slate-900">Erase a user&apos;s history</summary>
      <form
        className="mt-3 flex max-w-xl items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (userId.trim()) void startReview();
        }}
      >
        <div className="flex-1">
          <label htmlFor="erase-user" className="mb-1 block text-xs font-medium text-slate-700">
            User ID to erase
          </label>
          <Input id="erase-user" value={userId} onChange={(event) => setUserId(event.target.value)} autoComplete="off" spellCheck={false} required />
        </div>
        <Button type="submit" variant="danger" disabled={!userId.trim()}>
          Review erasure
        </Button>
      </form>
      {error && <p role="alert" className="mt-2 text-sm text-rose-700">{error}</p>}
      <p className="mt-2 text-xs text-slate-500">
        For a deletion request: removes this console&apos;s record of the user and its sandbox profile. It does not delete the user in Userpilot.
      </p>
      <ConfirmDialog
        open={count !== null}
        title="Erase this user's history?"
        confirmLabel={`Delete ${count ?? 0} request${count === 1 ? "" : "s"}`}
        tone="danger"
        busy={busy}
        confirmDisabled={count === 0 && !review?.sandboxProfile}
        onConfirm={() => void erase()}
        onCancel={() => setReview(null)}
      >
        <p>
          {count === 0 ? "There are no requests" : `${count} request${count === 1 ? "" : "s"}`} of user{" "}
          <span className="font-mono font-semibold">{userId.trim()}</span>{" "}
          {count === 0 ? "in the history." : "will be deleted permanently."}
        </p>
        {review?.sandboxProfile && <p className="mt-2">The sandbox&apos;s stored profile of this user is deleted too.</p>}
      </ConfirmDialog>
    </details>
  );
}
