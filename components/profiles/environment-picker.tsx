import { Button } from "@/components/ui/button";
import type { EnvironmentSummary } from "@/lib/environments/types";

/** A plain GET form: the environment lives in the address, so a profile view can be shared. */
export function EnvironmentPicker({
  environments,
  selected,
}: {
  environments: EnvironmentSummary[];
  selected: EnvironmentSummary | undefined;
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Choose the environment">
      <div>
        <label htmlFor="profile-environment" className="mb-1 block text-sm font-medium text-slate-800">
          Environment
        </label>
        <select
          id="profile-environment"
          name="environment"
          defaultValue={selected?.id}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          {environments.map((entry) => (
            <option key={entry.id} value={entry.id}>
              {entry.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit">Show</Button>
    </form>
  );
}
