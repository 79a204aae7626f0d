import { encodePropertyValue } from "@/lib/identify/payload";
import type { IdentifyFormValues, PropertyRow } from "@/lib/identify/schema";
import type { KnownCompanyProfile, KnownUserProfile, KnownValue, KnownValueType } from "./types";

// What a send would do to the known profile (as sent from this console): the form's rows against what is
// known, compared as encoded on the wire, so "5" and "5.0" as Numeric are the same value.

type WireValue = string | number;

/** `row` is the row's index in its group (properties or companyProperties), for "Send only changes". */
export type AddedProperty = { row: number; name: string; type: KnownValueType; value: WireValue };
export type ChangedProperty = {
  row: number;
  name: string;
  old: { value: WireValue; type: KnownValueType; masked: boolean };
  new: { value: WireValue; type: KnownValueType };
};
/** `old` is null when a row removes a property the known profile does not have. */
export type RemovedProperty = { row: number; name: string; old: { value: WireValue; type: KnownValueType } | null };
export type UnchangedProperty = { row: number; name: string; type: KnownValueType; value: WireValue };

export type GroupDiff = {
  added: AddedProperty[];
  changed: ChangedProperty[];
  removed: RemovedProperty[];
  unchanged: UnchangedProperty[];
};

export type ProfileDiff = {
  user: GroupDiff;
  company: GroupDiff;
  /** The send names a company other than the user's known one: it moves the user. */
  companyMove: { from: string; to: string } | null;
};

export type KnownProfiles = {
  user?: Pick<KnownUserProfile, "companyId" | "properties"> | null;
  company?: Pick<KnownCompanyProfile, "properties"> | null;
};

type DiffValues = Pick<IdentifyFormValues, "properties" | "companyId" | "companyProperties">;

/**
 * The diff of the form's values against the known profiles. `identifies: "company"` (Identify Company)
 * leaves the user part empty and moves no one. Never throws: rows without a name are left out, and a
 * value that does not parse is compared as the text typed (the form reports it).
 */
export function diffProfile(
  known: KnownProfiles,
  values: DiffValues,
  identifies: "user" | "company" = "user",
): ProfileDiff {
  const forUser = identifies === "user";
  const knownCompany = known.user?.companyId ?? null;
  // A send naming another company than the known one describes that company, not the one we know of.
  const companyKnown = values.companyId !== "" ? known.company?.properties : undefined;
  return {
    user: forUser ? diffGroup(known.user?.properties ?? {}, values.properties) : emptyDiff(),
    company: values.companyId === "" ? emptyDiff() : diffGroup(companyKnown ?? {}, values.companyProperties),
    companyMove:
      forUser && knownCompany !== null && values.companyId !== "" && values.companyId !== knownCompany
        ? { from: knownCompany, to: values.companyId }
        : null,
  };
}

const emptyDiff = (): GroupDiff => ({ added: [], changed: [], removed: [], unchanged: [] });

function diffGroup(known: Record<string, KnownValue>, rows: readonly PropertyRow[]): GroupDiff {
  const diff = emptyDiff();
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    // A duplicate name is a form error; the first row stands for the name.
    if (row.name === "" || seen.has(row.name)) return;
    seen.add(row.name);
    const old = Object.hasOwn(known, row.name) ? known[row.name] : undefined;
    if (row.type === "remove") {
      diff.removed.push({ row: index, name: row.name, old: old ? { value: old.value, type: old.type } : null });
      return;
    }
    const value = encodePropertyValue(row) ?? "";
    if (!old) diff.added.push({ row: index, name: row.name, type: row.type, value });
    else if (old.type === row.type && old.value === value && !old.masked) {
      diff.unchanged.push({ row: index, name: row.name, type: row.type, value });
    } else {
      diff.changed.push({
        row: index,
        name: row.name,
        old: { value: old.value, type: old.type, masked: old.masked },
        new: { value, type: row.type },
      });
    }
  });
  return diff;
}

/** Whether the diff changes anything at all (a send of only unchanged values changes nothing known). */
export function diffChangesAnything(diff: ProfileDiff): boolean {
  const changes = (group: GroupDiff) => group.added.length + group.changed.length + group.removed.length;
  return diff.companyMove !== null || changes(diff.user) + changes(diff.company) > 0;
}
