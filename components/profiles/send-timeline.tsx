import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { TIMELINE_LIMIT, type TimelineEntry } from "@/lib/profiles/timeline";

/** Every send of this user or company in the environment, newest first, refused and failed ones too. */
export function SendTimeline({ entries, show }: { entries: TimelineEntry[]; show: "user" | "company" }) {
  if (entries.length === 0) return <p className="text-sm text-slate-600">No sends in this environment.</p>;
  return (
    <>
      <Table
        caption="Sends, newest first"
        head={
          <tr>
            <Th>Time</Th>
            <Th>{show === "user" ? "Company ID" : "User ID"}</Th>
            <Th>Source</Th>
            <Th>Properties</Th>
            <Th>Outcome</Th>
            <Th>Sent by</Th>
            <Th>
              <span className="sr-only">Details</span>
            </Th>
          </tr>
        }
      >
        {entries.map((entry) => (
          <Tr key={entry.id} data-status={entry.status}>
            <Td>
              <RelativeTime iso={entry.createdAt} />
            </Td>
            <Td className="font-mono">{(show === "user" ? entry.companyId : entry.userId) || "—"}</Td>
            <Td>{entry.source}</Td>
            <Td>{entry.propertyCount}</Td>
            <Td>
              <StatusBadge status={entry.status} />
            </Td>
            <Td>{entry.sentBy ?? "—"}</Td>
            <Td>
              <Link href={`/history/${entry.id}`} className="font-medium text-indigo-700 hover:underline">
                Details<span className="sr-only"> of the send at {entry.createdAt}</span>
              </Link>
            </Td>
          </Tr>
        ))}
      </Table>
      {entries.length === TIMELINE_LIMIT && (
        <p className="mt-2 text-xs text-slate-500">The latest {TIMELINE_LIMIT} sends; the history has them all.</p>
      )}
    </>
  );
}
