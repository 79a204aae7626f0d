"use client";

import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { FieldError } from "@/components/ui/field-message";
import { Input, Select } from "@/components/ui/input";
import { Table, Td, Th, Tr } from "@/components/ui/table";
import { DELIMITER_NAMES } from "@/lib/bulk/csv";
import { BULK_KINDS, COLUMN_TYPES, type BulkKind, type BulkMapping, type ColumnMapping, type ColumnType, type MappingProblems } from "@/lib/bulk/mapping";
import type { ParsedSummary } from "@/lib/bulk/worker-protocol";
import type { TypeDrift } from "@/lib/profiles/drift";

const TYPE_LABELS: Record<ColumnType, string> = { string: "String", numeric: "Numeric", date: "Date", skip: "Skip column" };
const KIND_LABELS: Record<BulkKind, string> = { users: "Users", companies: "Companies" };

type Props = {
  name: string;
  summary: ParsedSummary;
  mapping: BulkMapping;
  remembered: boolean;
  problems: MappingProblems | undefined;
  checking: boolean;
  /** Columns whose type differs from the one their name was established as in this environment. */
  drifts: ReadonlyMap<number, TypeDrift>;
  onKind: (kind: BulkKind) => void;
  onChange: (mapping: BulkMapping) => void;
  onCheck: () => void;
};

export function MappingStep({ name, summary, mapping, remembered, problems, checking, drifts, onKind, onChange, onCheck }: Props) {
  const { headers } = summary;
  const idLabel = mapping.kind === "users" ? "User ID column" : "Company ID column";
  const setColumn = (index: number, change: Partial<ColumnMapping>) =>
    onChange({ ...mapping, columns: mapping.columns.map((column, at) => (at === index ? { ...column, ...change } : column)) });
  const columnSelect = (id: string, label: string, value: number | null, optional: boolean, error: string | undefined, set: (value: number | null) => void) => (
    <div className="min-w-56">
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-800">{label}</label>
      <Select
        id={id}
        value={value ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-error`}
        onChange={(event) => set(event.target.value === "" ? null : Number(event.target.value))}
      >
        <option value="">{optional ? "None" : "Choose a column"}</option>
        {headers.map((header, index) => (
          <option key={index} value={index}>{header || `Column ${index + 1}`}</option>
        ))}
      </Select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );

  return (
    <Card title="2. Map the columns">
      <p className="mb-4 text-sm text-slate-600">
        <span className="font-medium text-slate-800">{name}</span>: {summary.rowCount.toLocaleString("en-US")} data rows,{" "}
        {headers.length} columns, separated by {DELIMITER_NAMES[summary.delimiter]}.
        {remembered && <> The mapping you used last time for these columns in this environment is restored.</>}
      </p>
      <fieldset className="mb-4">
        <legend className="mb-1 text-sm font-medium text-slate-800">Rows are</legend>
        <div className="flex gap-4">
          {BULK_KINDS.map((kind) => (
            <label key={kind} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="radio" name="bulk-kind" value={kind} checked={mapping.kind === kind} onChange={() => onKind(kind)} className="size-4 accent-indigo-600" />
              {KIND_LABELS[kind]}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mb-4 flex flex-wrap gap-4">
        {columnSelect("bulk-id-column", idLabel, mapping.idColumn, false, problems?.idColumn, (idColumn) => onChange({ ...mapping, idColumn }))}
        {mapping.kind === "users" &&
          columnSelect("bulk-company-column", "Company ID column", mapping.companyColumn, true, problems?.companyColumn, (companyColumn) => onChange({ ...mapping, companyColumn }))}
      </div>
      {problems?.general && <p role="alert" className="mb-3 text-sm font-medium text-rose-700">{problems.general}</p>}
      <Table caption="Columns and the properties they become" head={<tr><Th>Column</Th><Th>Property name</Th><Th>Type</Th><Th>Empty cells</Th></tr>}>
        {headers.map((header, index) => {
          const column = mapping.columns[index];
          if (!column) return null;
          const label = header || `Column ${index + 1}`;
          const role = index === mapping.idColumn ? idLabel.replace(" column", "") : mapping.kind === "users" && index === mapping.companyColumn ? "Company ID" : undefined;
          const suggestion = summary.suggestions[index];
          const ids = { name: `bulk-name-${index}`, type: `bulk-type-${index}`, hint: `bulk-hint-${index}`, drift: `bulk-drift-${index}` };
          const nameError = problems?.names.get(index);
          const drift = drifts.get(index);
          return (
            <Tr key={index}>
              <Td className="font-mono text-xs">{label}</Td>
              {role ? (
                <Td colSpan={3} className="text-slate-600">Sent as the {role}</Td>
              ) : (
                <>
                  <Td>
                    <Input
                      id={ids.name}
                      aria-label={`Property name of ${label}`}
                      value={column.name}
                      disabled={column.type === "skip"}
                      spellCheck={false}
                      autoComplete="off"
                      aria-invalid={nameError ? true : undefined}
                      aria-describedby={`${ids.name}-error`}
                      onChange={(event) => setColumn(index, { name: event.target.value })}
                    />
                    <FieldError id={`${ids.name}-error`} message={nameError} />
                  </Td>
                  <Td>
                    <Select id={ids.type} aria-label={`Type of ${label}`} aria-describedby={drift ? `${ids.hint} ${ids.drift}` : ids.hint} value={column.type} onChange={(event) => setColumn(index, { type: event.target.value as ColumnType })} className="min-w-32">
                      {COLUMN_TYPES.map((type) => (
                        <option key={type} value={type}>{TYPE_LABELS[type]}</option>
                      ))}
                    </Select>
                    <p id={ids.hint} className="mt-1 max-w-sm text-xs text-slate-500">
                      Suggested: {TYPE_LABELS[suggestion?.type ?? "string"]}
                      {suggestion?.reason ? `. ${suggestion.reason}` : ""}
                    </p>
                    {drift && (
                      <p id={ids.drift} role="note" className="mt-1 max-w-sm text-xs font-medium text-amber-800">
                        <span className="font-mono">{drift.name}</span>
                        {drift.message.slice(drift.name.length)}
                      </p>
                    )}
                  </Td>
                  <Td>
                    <label className="flex items-center gap-2 text-sm whitespace-nowrap text-slate-700">
                      <input type="checkbox" checked={column.emptyRemoves} disabled={column.type === "skip"} onChange={(event) => setColumn(index, { emptyRemoves: event.target.checked })} className="size-4 accent-indigo-600" />
                      Empty removes the property<span className="sr-only"> ({label})</span>
                    </label>
                  </Td>
                </>
              )}
            </Tr>
          );
        })}
      </Table>
      <p className="mt-2 text-xs text-slate-500">An empty cell leaves the property as it is, unless its column is set to “Empty removes the property”.</p>
      <Button variant="primary" className="mt-4" onClick={onCheck} disabled={checking}>
        {checking ? "Checking…" : "Check rows"}
      </Button>
    </Card>
  );
}
