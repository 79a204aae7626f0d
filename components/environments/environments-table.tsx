"use client";

import { Table, Td, Tr } from "@/components/ui/table";
import type { EnvironmentSummary } from "@/lib/environments/types";
import { EnvironmentActions, type EnvironmentHandlers } from "./environment-actions";

const REGION_LABEL = { us: "US", eu: "EU", custom: "Custom URL", sandbox: "Built-in" } as const;

type Props = EnvironmentHandlers & {
  environments: EnvironmentSummary[];
  /** The last connection check's words, by environment id. */
  checks: Record<string, string>;
};

export function EnvironmentsTable({ environments, checks, ...handlers }: Props) {
  return (
    <Table
      caption="Environments"
      columns={["Name", "Region", "API key", "Production"]}
      actions
    >
      {environments.map((entry) => (
        <Tr key={entry.id} className="align-top">
          <Td>
            <span className="font-medium">{entry.name}</span>
            {entry.isDefault && (
              <span className="ml-2 rounded bg-indigo-50 px-1.5 py-0.5 text-xs text-indigo-700">default</span>
            )}
            {entry.kind !== "stored" && (
              <span className="block text-xs text-slate-500">
                {entry.kind === "sandbox" ? "Built in (SANDBOX=off hides it)" : "From USERPILOT_API_KEY"}
              </span>
            )}
            {checks[entry.id] && (
              <p role="status" className="mt-1 max-w-md text-xs text-slate-600">
                {checks[entry.id]}
              </p>
            )}
          </Td>
          <Td>
            {REGION_LABEL[entry.region]}
            <span className="block font-mono text-xs text-slate-500">{entry.baseUrl}</span>
          </Td>
          <Td className="font-mono" data-testid={`key-${entry.name}`}>
            {entry.keyLast4 ? `••••${entry.keyLast4}` : "—"}
            {entry.keyUnreadable && (
              <span className="mt-1 block font-sans text-xs font-medium text-rose-700">Key unreadable: enter it again</span>
            )}
          </Td>
          <Td>{entry.isProduction ? "Yes" : "No"}</Td>
          <Td>
            <EnvironmentActions entry={entry} {...handlers} />
          </Td>
        </Tr>
      ))}
    </Table>
  );
}
