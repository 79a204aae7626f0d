import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/select-field";
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
      <SelectField
        id="profile-environment"
        name="environment"
        label="Environment"
        defaultValue={selected?.id}
        options={environments.map((entry) => ({ value: entry.id, label: entry.label }))}
      />
      <Button type="submit">Show</Button>
    </form>
  );
}
