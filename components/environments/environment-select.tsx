"use client";

import { Select } from "@/components/ui/input";
import { useEnvironmentSelection } from "./environment-context";

export function EnvironmentSelect({ disabled }: { disabled?: boolean }) {
  const { environments, selected, select } = useEnvironmentSelection();
  return (
    <div className="flex max-w-xl flex-wrap items-end gap-3">
      <div className="min-w-64 flex-1">
        <label htmlFor="environment" className="mb-1 block text-sm font-medium text-slate-800">
          Environment
        </label>
        <Select id="environment" value={selected?.id ?? ""} disabled={disabled} onChange={(event) => select(event.target.value)} aria-describedby="environment-hint">
          {environments.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.label}
              {entry.isProduction ? " (production)" : ""}
              {entry.isDefault ? " · default" : ""}
            </option>
          ))}
        </Select>
      </div>
      <p id="environment-hint" className="pb-2 text-xs text-slate-500">
        {selected?.kind === "sandbox" ? "A fake Userpilot: try anything." : selected?.isProduction ? "Real profiles: sends ask for confirmation." : "Real profiles."}
      </p>
    </div>
  );
}
