"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import { OUTCOME_FILTERS, type HistoryFilters, type OutcomeFilter } from "@/lib/history/filters";

type Props = { filters: HistoryFilters; onApply: (filters: HistoryFilters) => void; onClear: () => void };

const toLocalInput = (ms: number | undefined) => (ms === undefined ? "" : new Date(ms).toISOString().slice(0, 16));
const fromLocalInput = (value: string) => (value ? Date.parse(`${value}:00Z`) : undefined);

/** Filters for the history list; the page keeps them in the URL. Times are UTC, as the list shows them. */
export function HistoryFiltersForm({ filters, onApply, onClear }: Props) {
  const [outcomes, setOutcomes] = useState<OutcomeFilter[]>(filters.outcome);
  const [user, setUser] = useState(filters.user ?? "");
  const [company, setCompany] = useState(filters.company ?? "");
  const [match, setMatch] = useState(filters.match);
  const [from, setFrom] = useState(toLocalInput(filters.from));
  const [to, setTo] = useState(toLocalInput(filters.to));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply({
      outcome: outcomes,
      user: user.trim() || undefined,
      company: company.trim() || undefined,
      match,
      from: fromLocalInput(from),
      to: fromLocalInput(to),
    });
  }

  return (
    <form onSubmit={submit} aria-label="History filters" className="space-y-4 rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <fieldset>
        <legend className="mb-2 text-sm font-semibold text-slate-900">Outcome</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {OUTCOME_FILTERS.map((option) => (
            <label key={option.value} className="inline-flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                className="size-4 rounded border-slate-300 accent-indigo-600"
                checked={outcomes.includes(option.value)}
                onChange={(event) =>
                  setOutcomes((current) =>
                    event.target.checked ? [...current, option.value] : current.filter((value) => value !== option.value),
                  )
                }
              />
              {option.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
        <div>
          <label htmlFor="filter-user" className="mb-1 block text-xs font-medium text-slate-700">User ID</label>
          <Input id="filter-user" value={user} onChange={(event) => setUser(event.target.value)} autoComplete="off" spellCheck={false} />
        </div>
        <div>
          <label htmlFor="filter-company" className="mb-1 block text-xs font-medium text-slate-700">Company ID</label>
          <Input id="filter-company" value={company} onChange={(event) => setCompany(event.target.value)} autoComplete="off" spellCheck={false} />
        </div>
        <div>
          <label htmlFor="filter-match" className="mb-1 block text-xs font-medium text-slate-700">Match IDs</label>
          <Select id="filter-match" value={match} onChange={(event) => setMatch(event.target.value === "prefix" ? "prefix" : "exact")}>
            <option value="exact">Exactly</option>
            <option value="prefix">Starting with</option>
          </Select>
        </div>
        <div>
          <label htmlFor="filter-from" className="mb-1 block text-xs font-medium text-slate-700">From (UTC)</label>
          <Input id="filter-from" type="datetime-local" value={from} onChange={(event) => setFrom(event.target.value)} />
        </div>
        <div>
          <label htmlFor="filter-to" className="mb-1 block text-xs font-medium text-slate-700">To (UTC)</label>
          <Input id="filter-to" type="datetime-local" value={to} onChange={(event) => setTo(event.target.value)} />
        </div>
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="primary">Apply filters</Button>
        <Button type="button" variant="ghost" onClick={onClear}>Clear filters</Button>
      </div>
    </form>
  );
}
