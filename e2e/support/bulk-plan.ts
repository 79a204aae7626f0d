import type { APIRequestContext } from "@playwright/test";
import { z } from "zod";

// Job plans for POST /api/bulk/jobs in the one shape the /bulk page sends (lib/bulk/plan.ts).

const environmentsSchema = z.object({ environments: z.array(z.object({ id: z.string(), isDefault: z.boolean() })) });

/** The id of the server's default environment, where the page would send. */
export async function defaultEnvironmentId(request: APIRequestContext, baseUrl = ""): Promise<string> {
  const listed = environmentsSchema.parse(await (await request.get(`${baseUrl}/api/environments`)).json());
  const chosen = listed.environments.find((environment) => environment.isDefault);
  if (!chosen) throw new Error("the server has no default environment");
  return chosen.id;
}

export type PlanUserRow = {
  line: number;
  cells: string[];
  values: { userId: string; properties: { name: string; type: string; value: string }[]; companyId: string; companyProperties: [] };
};

/** A users row with a plan and a seats column, as a checked file row. */
export const planUserRow = (line: number, userId: string): PlanUserRow => ({
  line,
  cells: [userId, "pro", String(line)],
  values: {
    userId,
    properties: [
      { name: "plan", type: "string", value: "pro" },
      { name: "seats", type: "numeric", value: String(line) },
    ],
    companyId: "",
    companyProperties: [],
  },
});

export const usersPlan = (environmentId: string, rows: PlanUserRow[]) => ({
  version: 1,
  environmentId,
  kind: "users",
  mode: "realtime",
  source: { name: "accounts.csv", headers: ["user_id", "plan", "seats"], delimiter: "," },
  skipped: [],
  rows,
});
