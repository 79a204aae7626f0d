"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRef } from "react";

type Props = {
  label: string;
  columns: { name: string; width: string }[];
  rowCount: number;
  cells: (index: number) => string[];
  testId?: string;
};

const ROW_HEIGHT = 36;

/** A table of any length: only the rows in view are in the page, so 100,000 of them scroll smoothly. */
export function VirtualTable({ label, columns, rowCount, cells, testId }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  // The React Compiler skips this component (the virtualizer's functions can't be memoized); it is small and cheap.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const template = columns.map((column) => column.width).join(" ");
  return (
    <div role="table" aria-label={label} aria-rowcount={rowCount + 1} data-testid={testId} className="overflow-hidden rounded-lg bg-white text-sm shadow-xs ring-1 ring-slate-200">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="grid border-b border-slate-200 bg-slate-50 text-xs text-slate-600" style={{ gridTemplateColumns: template }}>
          {columns.map((column) => (
            <div key={column.name} role="columnheader" className="px-3 py-2 font-medium">{column.name}</div>
          ))}
        </div>
      </div>
      <div ref={scroller} tabIndex={0} role="rowgroup" aria-label={`${label}, scrollable`} className="max-h-80 overflow-auto">
        <div className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => (
            <div
              key={item.key}
              role="row"
              aria-rowindex={item.index + 2}
              className="absolute inset-x-0 grid border-b border-slate-100"
              style={{ gridTemplateColumns: template, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
            >
              {cells(item.index).map((cell, at) => (
                <div key={at} role="cell" title={cell} className="truncate px-3 py-2">{cell}</div>
              ))}
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
