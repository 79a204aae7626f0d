import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { TYPE_LABELS } from "@/lib/profiles/drift";
import type { KnownValue } from "@/lib/profiles/types";

/** A known profile's properties, each with its last change: when, by whom, and the send that made it. */
export function KnownProperties({ properties, caption }: { properties: Record<string, KnownValue>; caption: string }) {
  const entries = Object.entries(properties);
  if (entries.length === 0) return <p className="text-sm text-slate-600">No properties sent from this console.</p>;
  return (
    <Table
      caption={caption}
      head={
        <tr>
          <Th>Property</Th>
          <Th>Value</Th>
          <Th>Type</Th>
          <Th>Last change</Th>
          <Th>By</Th>
          <Th>
            <span className="sr-only">Send</span>
          </Th>
        </tr>
      }
    >
      {entries.map(([name, known]) => (
        <Tr key={name} data-property={name}>
          <Td className="font-mono">{name}</Td>
          <Td className="font-mono break-all">
            {String(known.value)}
            {known.masked && <span className="ml-2 font-sans text-xs text-slate-500">(masked in the history)</span>}
          </Td>
          <Td>{TYPE_LABELS[known.type]}</Td>
          <Td>
            <RelativeTime iso={new Date(known.changedAt).toISOString()} />
          </Td>
          <Td>{known.changedBy ?? "—"}</Td>
          <Td>
            <Link href={`/history/${known.historyId}`} className="font-medium text-indigo-700 hover:underline">
              Send<span className="sr-only"> that set {name}</span>
            </Link>
          </Td>
        </Tr>
      ))}
    </Table>
  );
}
