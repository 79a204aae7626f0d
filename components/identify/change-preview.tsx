"use client";

import Link from "next/link";
import { useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { knownProfileReads } from "@/lib/browser/known-profile-reads";
import { emptyFormValues, sentValues, type Identifies, type IdentifyFormValues } from "@/lib/identify/schema";
import { diffProfile, type GroupDiff } from "@/lib/profiles/diff";
import { TYPE_LABELS } from "@/lib/profiles/drift";
import { profileHref } from "@/lib/profiles/links";
import { unchangedCount, withoutUnchanged } from "@/lib/profiles/form-changes";
import { KNOWN_PROFILE_LABEL, type KnownValue } from "@/lib/profiles/types";
import { useDebouncedValue, useJsonRead, type JsonRead } from "./use-json-read";

type Props = {
  environmentId: string;
  environmentLabel: string;
  identifies: Identifies;
  /** Changes after each send, so the known profile is read again. */
  version: number;
};

/** Typing pauses this long before the known profile of the id typed is read. */
const SETTLE_MS = 300;

/**
 * What this send would change in the known profile (as sent from this console) of the user, or of the
 * company on its own: added, changed, removed and unchanged values, and a company move.
 */
export function ChangePreview({ environmentId, environmentLabel, identifies, version }: Props) {
  const { getValues, setValue } = useFormContext<IdentifyFormValues>();
  const watched = useWatch<IdentifyFormValues>() as IdentifyFormValues | undefined;
  const values = sentValues({ ...emptyFormValues(), ...watched }, identifies);
  const userId = useDebouncedValue(values.userId, SETTLE_MS);
  const companyId = useDebouncedValue(values.companyId, SETTLE_MS);

  const userRead = useJsonRead(
    identifies === "user" && userId !== "" ? knownProfileReads.user(environmentId, userId) : null,
    version,
  );
  const companyRead = useJsonRead(companyId !== "" ? knownProfileReads.company(environmentId, companyId) : null, version);

  const subject = { kind: identifies, id: identifies === "user" ? userId : companyId };
  if (subject.id === "") return null;
  const subjectRead: JsonRead<unknown> = identifies === "user" ? userRead : companyRead;

  const knownUser = userRead.kind === "ok" ? userRead.data.profile : null;
  const knownCompany = companyRead.kind === "ok" ? companyRead.data.profile : null;
  const diff = diffProfile({ user: knownUser, company: knownCompany }, values, identifies);
  const unchanged = unchangedCount(diff);
  const knownProperties = identifies === "user" ? knownUser?.properties : knownCompany?.properties;
  const subjectKnown = identifies === "user" ? knownUser !== null : knownCompany !== null;

  function sendOnlyChanges() {
    const next = withoutUnchanged(getValues(), diff);
    setValue("properties", next.properties, { shouldDirty: true });
    setValue("companyProperties", next.companyProperties, { shouldDirty: true });
  }

  return (
    <section aria-label="Change preview" className="rounded-lg bg-white p-4 shadow-xs ring-1 ring-slate-200">
      <div className="mb-2 flex flex-wrap items-start justify-between gap-3">
        <h2 className="text-sm font-semibold text-slate-900">Change preview</h2>
        {unchanged > 0 && (
          <Button
            type="button"
            variant="secondary"
            className="py-1 text-xs"
            onClick={sendOnlyChanges}
            aria-describedby="send-only-changes-hint"
          >
            Send only changes
          </Button>
        )}
      </div>
      <p className="text-xs text-slate-500">
        The known profile of {subject.kind} <span className="font-mono">{subject.id}</span> in {environmentLabel},{" "}
        {KNOWN_PROFILE_LABEL}: Userpilot may hold more.{" "}
        {subjectKnown && (
          <Link href={profileHref(identifies, subject.id, environmentId)} className="font-medium text-indigo-700 underline">
            Open the profile
          </Link>
        )}
      </p>
      {unchanged > 0 && (
        <p id="send-only-changes-hint" className="mt-1 text-xs text-slate-500">
          {unchanged === 1 ? "1 value is" : `${unchanged} values are`} already known as sent; Send only changes
          drops {unchanged === 1 ? "its row" : "their rows"}.
        </p>
      )}
      <div className="mt-3 space-y-3 text-sm text-slate-700">
        {subjectRead.kind === "loading" && <p>Reading the known profile…</p>}
        {subjectRead.kind === "error" && (
          <p className="font-medium text-rose-800">The known profile could not be read: {subjectRead.message}</p>
        )}
        {subjectRead.kind === "ok" && !subjectKnown && (
          <p>Nothing sent to this {subject.kind} from this console yet: every value below is new.</p>
        )}
        {diff.companyMove && (
          <p role="note" className="rounded-md bg-amber-50 p-3 text-amber-900 ring-1 ring-amber-200">
            This send moves user <span className="font-mono">{userId}</span> from company{" "}
            <span className="font-mono font-semibold">{diff.companyMove.from}</span> to company{" "}
            <span className="font-mono font-semibold">{diff.companyMove.to}</span>: a user belongs to one company
            at a time.
          </p>
        )}
        {subjectRead.kind === "ok" && (
          <>
            <GroupChanges title="User properties" diff={diff.user} />
            <GroupChanges title={`Company properties of ${values.companyId}`} diff={diff.company} />
            {knownProperties && <KnownProperties properties={knownProperties} />}
          </>
        )}
      </div>
    </section>
  );
}

type Change = { row: number; name: string; kind: "Added" | "Changed" | "Removed" | "Unchanged"; text: string };

const KIND_TONES: Record<Change["kind"], string> = {
  Added: "bg-emerald-100 text-emerald-900",
  Changed: "bg-amber-100 text-amber-900",
  Removed: "bg-rose-100 text-rose-900",
  Unchanged: "bg-slate-100 text-slate-700",
};

const shown = (value: string | number, masked = false) => (masked ? "(masked in the history)" : JSON.stringify(value));

/** One group's changes in the form's order. */
function GroupChanges({ title, diff }: { title: string; diff: GroupDiff }) {
  const changes: Change[] = [
    ...diff.added.map((entry) => ({ ...entry, kind: "Added" as const, text: `${shown(entry.value)} (${TYPE_LABELS[entry.type]})` })),
    ...diff.changed.map((entry) => ({
      ...entry,
      kind: "Changed" as const,
      text: `${shown(entry.old.value, entry.old.masked)} (${TYPE_LABELS[entry.old.type]}) → ${shown(entry.new.value)} (${TYPE_LABELS[entry.new.type]})`,
    })),
    ...diff.removed.map((entry) => ({
      ...entry,
      kind: "Removed" as const,
      text: entry.old ? `was ${shown(entry.old.value)} (${TYPE_LABELS[entry.old.type]})` : "not known as sent",
    })),
    ...diff.unchanged.map((entry) => ({ ...entry, kind: "Unchanged" as const, text: `${shown(entry.value)} (${TYPE_LABELS[entry.type]})` })),
  ].sort((a, b) => a.row - b.row);
  if (changes.length === 0) return null;
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</h3>
      <ul aria-label={title} className="space-y-1">
        {changes.map((change) => (
          <li key={`${change.kind}-${change.row}`} data-change={change.kind.toLowerCase()} className="flex flex-wrap items-baseline gap-2">
            <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${KIND_TONES[change.kind]}`}>{change.kind}</span>
            <span className="font-mono text-xs font-semibold">{change.name}</span>
            <span className="font-mono text-xs break-all">{change.text}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

function KnownProperties({ properties }: { properties: Record<string, KnownValue> }) {
  const entries = Object.entries(properties).sort(([a], [b]) => a.localeCompare(b));
  return (
    <details className="rounded-md bg-slate-50 p-2 ring-1 ring-slate-200">
      <summary className="cursor-pointer text-xs font-medium text-slate-700">
        Known profile: {entries.length === 1 ? "1 property" : `${entries.length} properties`}
      </summary>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        {entries.map(([name, known]) => (
          <div key={name} className="contents">
            <dt className="font-mono font-semibold">{name}</dt>
            <dd className="font-mono break-all">
              {shown(known.value, known.masked)} ({TYPE_LABELS[known.type]}) ·{" "}
              <RelativeTime iso={new Date(known.changedAt).toISOString()} />
              {known.changedBy ? ` by ${known.changedBy}` : ""}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
