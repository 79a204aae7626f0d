"use client";

import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from "@tanstack/react-table";
import Link from "next/link";
import { RelativeTime } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import type { HistoryListItem } from "@/lib/history/api-types";
import { identifiesOf } from "@/lib/history/identifies";
import { profileHref } from "@/lib/profiles/links";

const column = createColumnHelper<HistoryListItem>();

const subjectOf = (row: HistoryListItem) =>
  identifiesOf(row.userId, row.companyId) === "company" ? `company ${row.companyId}` : row.userId;

const columns = [
  column.accessor("createdAt", { header: "Time", cell: (info) => <RelativeTime iso={info.getValue()} /> }),
  column.accessor("environment", { header: "Environment" }),
  column.accessor("userId", {
    header: "User ID",
    cell: (info) =>
      identifiesOf(info.getValue(), info.row.original.companyId) === "company" ? (
        <span className="text-slate-600">Company send</span>
      ) : info.getValue() === "" ? (
        "—"
      ) : (
        <span className="flex items-center gap-2">
          <Link
            href={`/history?user=${encodeURIComponent(info.getValue())}`}
            className="font-mono text-indigo-700 hover:underline"
            title="This user's timeline"
          >
            {info.getValue()}
          </Link>
          <Link href={profileHref("user", info.getValue())} className="text-xs text-indigo-700 hover:underline">
            Profile<span className="sr-only"> of user {info.getValue()}</span>
          </Link>
        </span>
      ),
  }),
  column.accessor("companyId", {
    header: "Company ID",
    cell: (info) => {
      const companyId = info.getValue();
      return companyId ? (
        <Link href={profileHref("company", companyId)} className="font-mono text-indigo-700 hover:underline" title="This company's profile">
          {companyId}
        </Link>
      ) : (
        "—"
      );
    },
  }),
  column.accessor("propertyCount", { header: "Properties" }),
  column.accessor("status", { header: "Outcome", cell: (info) => <StatusBadge status={info.getValue()} /> }),
  column.accessor("latencyMs", {
    header: "Latency",
    cell: (info) => (info.getValue() === null ? "—" : `${info.getValue()} ms`),
  }),
  column.accessor("sentBy", { header: "Sent by", cell: (info) => info.getValue() ?? "—" }),
  column.display({
    id: "details",
    header: () => <span className="sr-only">Details</span>,
    cell: (info) => (
      <Link href={`/history/${info.row.original.id}`} className="font-medium text-indigo-700 hover:underline">
        Details<span className="sr-only"> of the request for {subjectOf(info.row.original)}</span>
      </Link>
    ),
  }),
];

export function HistoryTable({ rows }: { rows: HistoryListItem[] }) {
  // Not compiled with the React Compiler, so the table's unmemoizable functions are fine here.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: rows,
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
  });
  return (
    <Table
      caption="Requests, newest first"
      head={table.getHeaderGroups().map((group) => (
        <tr key={group.id}>
          {group.headers.map((header) => (
            <Th key={header.id}>{flexRender(header.column.columnDef.header, header.getContext())}</Th>
          ))}
        </tr>
      ))}
    >
      {table.getRowModel().rows.map((row) => (
        <Tr key={row.id} data-status={row.original.status} className="hover:bg-slate-50">
          {row.getVisibleCells().map((cell) => (
            <Td key={cell.id} className="align-middle">
              {flexRender(cell.column.columnDef.cell, cell.getContext())}
            </Td>
          ))}
        </Tr>
      ))}
    </Table>
  );
}
