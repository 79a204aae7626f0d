"use client";

import { Button } from "@/components/ui/button";
import type { EnvironmentSummary } from "@/lib/environments/types";

export type EnvironmentHandlers = {
  onTest: (entry: EnvironmentSummary) => void;
  onMakeDefault: (entry: EnvironmentSummary) => void;
  onEdit: (entry: EnvironmentSummary) => void;
  onRemove: (entry: EnvironmentSummary) => void;
};

/** What can be done to one environment: the built-in sandbox can't be tested, only stored ones edited or removed. */
export function EnvironmentActions({ entry, onTest, onMakeDefault, onEdit, onRemove }: { entry: EnvironmentSummary } & EnvironmentHandlers) {
  return (
    <div className="flex flex-wrap justify-end gap-1">
      {entry.kind !== "sandbox" && (
        <Button type="button" variant="ghost" onClick={() => onTest(entry)} aria-label={`Test connection of ${entry.name}`}>
          Test connection
        </Button>
      )}
      {!entry.isDefault && (
        <Button type="button" variant="ghost" onClick={() => onMakeDefault(entry)}>
          Make default
        </Button>
      )}
      {entry.kind === "stored" && (
        <>
          <Button type="button" variant="ghost" onClick={() => onEdit(entry)} aria-label={`Edit ${entry.name}`}>
            Edit
          </Button>
          <Button type="button" variant="ghost" onClick={() => onRemove(entry)} aria-label={`Remove ${entry.name}`}>
            Remove
          </Button>
        </>
      )}
    </div>
  );
}
