import type { ComponentProps, ReactNode } from "react";

type Head =
  | { head: ReactNode; columns?: never; actions?: never }
  /** Plain column titles; `actions` adds a last column for row buttons, titled for screen readers only. */
  | { head?: never; columns: readonly string[]; actions?: boolean };

/** The bordered, scrollable table every list page uses. */
export function Table({ caption, children, ...header }: Head & { caption: string; children: ReactNode }) {
  const head = header.columns ? <HeaderRow columns={header.columns} actions={header.actions} /> : header.head;
  return (
    <div className="overflow-x-auto rounded-lg bg-white shadow-xs ring-1 ring-slate-200">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-600">{head}</thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function Th({ className = "", ...props }: ComponentProps<"th">) {
  return <th scope="col" className={`px-3 py-2 font-medium whitespace-nowrap ${className}`} {...props} />;
}

export function Tr({ className = "", ...props }: ComponentProps<"tr">) {
  return <tr className={`border-b border-slate-100 last:border-0 ${className}`} {...props} />;
}

export function Td({ className = "", ...props }: ComponentProps<"td">) {
  return <td className={`px-3 py-2 ${className}`} {...props} />;
}

function HeaderRow({ columns, actions }: { columns: readonly string[]; actions?: boolean }) {
  return (
    <tr>
      {columns.map((title) => (
        <Th key={title}>{title}</Th>
      ))}
      {actions && (
        <Th>
          <span className="sr-only">Actions</span>
        </Th>
      )}
    </tr>
  );
}
