import type { Metadata } from "next";
import { EnvironmentPicker } from "@/components/profiles/environment-picker";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { requirePageActor } from "@/lib/auth/session";
import { TYPE_LABELS } from "@/lib/profiles/drift";
import { pageEnvironment } from "@/lib/profiles/page-environment";
import { readRegistry } from "@/lib/profiles/reads";
import { KNOWN_VALUE_TYPES } from "@/lib/profiles/types";

export const metadata: Metadata = { title: "Property types" };

type Props = { searchParams: Promise<{ environment?: string | string[] }> };

export default async function PropertyTypesPage({ searchParams }: Props) {
  await requirePageActor("environments:manage", "/properties");
  const { environments, selected } = await pageEnvironment((await searchParams).environment);
  const entries = selected ? await readRegistry(selected.id) : [];
  const count = (n: number | undefined) => (n ? n.toLocaleString("en-US") : "—");

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Property types</h1>
          <p className="mt-1 text-sm text-slate-600">
            Every property name sent from this console and accepted, with the types it was sent as and how often.
            A name sent as more than one type splits segments built on it.
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <EnvironmentPicker environments={environments} selected={selected} />
          {selected && (
            <a
              href={`/api/profiles/registry/export?${new URLSearchParams({ environmentId: selected.id }).toString()}`}
              className="inline-flex items-center rounded-md bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-xs ring-1 ring-slate-300 ring-inset hover:bg-slate-50"
            >
              Export CSV
            </a>
          )}
        </div>
      </div>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600" role="status">
          No property sent and accepted in {selected?.label ?? "this environment"} yet.
        </p>
      ) : (
        <Table
          caption={`Property types in ${selected?.label ?? ""}`}
          head={
            <tr>
              <Th>Name</Th>
              <Th>Group</Th>
              <Th>Established type</Th>
              {KNOWN_VALUE_TYPES.map((type) => (
                <Th key={type} className="text-right">
                  {TYPE_LABELS[type]}
                </Th>
              ))}
              <Th className="text-right">Total</Th>
            </tr>
          }
        >
          {entries.map((entry) => {
            const mixed = Object.keys(entry.types).length > 1;
            return (
              <Tr key={`${entry.group}:${entry.name}`} data-property={entry.name} data-group={entry.group} className={mixed ? "bg-amber-50" : ""}>
                <Td className="font-mono">{entry.name}</Td>
                <Td>{entry.group === "user" ? "User" : "Company"}</Td>
                <Td>
                  {TYPE_LABELS[entry.established]}
                  {mixed && <span className="ml-2 text-xs text-amber-900">(sent as more than one type)</span>}
                </Td>
                {KNOWN_VALUE_TYPES.map((type) => (
                  <Td key={type} className="text-right tabular-nums">
                    {count(entry.types[type])}
                  </Td>
                ))}
                <Td className="text-right tabular-nums">{count(entry.total)}</Td>
              </Tr>
            );
          })}
        </Table>
      )}
    </div>
  );
}
