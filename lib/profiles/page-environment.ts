import "server-only";
import { listEnvironments } from "@/lib/environments/store";
import type { EnvironmentSummary } from "@/lib/environments/types";

/** The environment a profile page shows: `?environment=<id>` when it names one, else the default. */
export async function pageEnvironment(
  param: string | string[] | undefined,
): Promise<{ environments: EnvironmentSummary[]; selected: EnvironmentSummary | undefined }> {
  const environments = await listEnvironments();
  const wanted = typeof param === "string" ? param : undefined;
  const selected =
    environments.find((entry) => entry.id === wanted) ?? environments.find((entry) => entry.isDefault) ?? environments[0];
  return { environments, selected };
}
