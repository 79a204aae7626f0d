import type { EnvironmentSummary } from "@/lib/environments/types";
import { KNOWN_PROFILE_LABEL } from "@/lib/profiles/types";
import { EnvironmentPicker } from "./environment-picker";

/** A profile page's heading, what the profile is (and is not), and the environment it is read in. */
export function ProfileHeader({
  kind,
  id,
  environments,
  selected,
}: {
  kind: "user" | "company";
  id: string;
  environments: EnvironmentSummary[];
  selected: EnvironmentSummary | undefined;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">
          {kind === "user" ? "User" : "Company"} <span className="font-mono">{id}</span>
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          The profile {KNOWN_PROFILE_LABEL}: what this console sent and Userpilot accepted, in order. It is not what
          Userpilot holds: other tools may have changed this {kind} too.
        </p>
      </div>
      <EnvironmentPicker environments={environments} selected={selected} />
    </div>
  );
}
