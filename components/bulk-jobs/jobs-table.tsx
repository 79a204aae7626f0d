import Link from "next/link";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { JobSummary } from "@/lib/bulk/job-views";
import { JobStateBadge } from "./job-state-badge";

export function JobsTable({ jobs, selectedId }: { jobs: JobSummary[]; selectedId: string | null }) {
  return (
    <Table
      caption="Bulk jobs, newest first"
      head={
        <tr>
          <Th>Started</Th>
          <Th>State</Th>
          <Th>Started by</Th>
          <Th>Environment</Th>
          <Th>Kind</Th>
          <Th>Rows</Th>
          <Th>Sent</Th>
          <Th>Failed</Th>
          <Th>Skipped</Th>
          <Th>
            <span className="sr-only">Open</span>
          </Th>
        </tr>
      }
    >
      {jobs.map((job) => (
        <Tr key={job.id} className={job.id === selectedId ? "bg-indigo-50/50" : ""}>
          <Td className="whitespace-nowrap">{new Date(job.createdAt).toLocaleString("en-GB")}</Td>
          <Td>
            <JobStateBadge state={job.state} />
          </Td>
          <Td>{job.startedBy}</Td>
          <Td>{job.environment}</Td>
          <Td>
            {job.kind} · {job.mode === "realtime" ? "real-time" : "bulk API"}
          </Td>
          <Td>{job.total.toLocaleString("en-US")}</Td>
          <Td>{job.sent.toLocaleString("en-US")}</Td>
          <Td>{job.failed.toLocaleString("en-US")}</Td>
          <Td>{job.skipped.toLocaleString("en-US")}</Td>
          <Td>
            <Link
              href={`/bulk/jobs?job=${job.id}`}
              className="text-indigo-700 underline-offset-2 hover:underline"
              aria-label={`Open the job started ${new Date(job.createdAt).toLocaleString("en-GB")} by ${job.startedBy}`}
            >
              Open
            </Link>
          </Td>
        </Tr>
      ))}
    </Table>
  );
}
