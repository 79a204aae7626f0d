import { encodePropertyValue } from "@/lib/identify/payload";
import type { PropertyRow } from "@/lib/identify/schema";
import type { KnownValueType, ProfileGroup } from "./types";

// What one accepted send does to the known profiles, as data: Userpilot merges the properties sent, removes
// those sent as null, and moves the user to the company named. Pure, so the live update and the rebuild
// from the history apply the very same changes.

/** Values as the history keeps them (masked), with the rows' types known. */
export type SendValues = {
  userId: string;
  companyId: string;
  properties: readonly PropertyRow[];
  companyProperties: readonly PropertyRow[];
};

export type AcceptedSend = {
  environmentId: string;
  historyId: string;
  /** When the outcome was recorded: the history row's updated_at. */
  acceptedAt: number;
  sentBy: string | null;
  identifies: "user" | "company";
  values: SendValues;
};

export type PropertyChange =
  | { kind: "set"; group: ProfileGroup; ownerId: string; name: string; type: KnownValueType; value: string | number }
  | { kind: "remove"; group: ProfileGroup; ownerId: string; name: string };

export type SendChanges = {
  /** The user the send describes, and the company it moves them to (null: no company named). */
  user: { userId: string; companyId: string | null } | null;
  company: { companyId: string } | null;
  properties: PropertyChange[];
};

export function changesOf(send: Pick<AcceptedSend, "identifies" | "values">): SendChanges {
  const { values } = send;
  const forUser = send.identifies === "user" && values.userId !== "";
  const companyId = values.companyId === "" ? null : values.companyId;
  return {
    user: forUser ? { userId: values.userId, companyId } : null,
    company: companyId === null ? null : { companyId },
    properties: [
      ...(forUser ? rowChanges("user", values.userId, values.properties) : []),
      ...(companyId === null ? [] : rowChanges("company", companyId, values.companyProperties)),
    ],
  };
}

function rowChanges(group: ProfileGroup, ownerId: string, rows: readonly PropertyRow[]): PropertyChange[] {
  // The body is a JSON object: of two rows with one name, the last one is what Userpilot reads.
  const byName = new Map<string, PropertyRow>();
  for (const row of rows) {
    // Company rows named "id" never reach the body (see buildIdentifyPayload).
    if (row.name === "" || (group === "company" && row.name === "id")) continue;
    byName.delete(row.name);
    byName.set(row.name, row);
  }
  return [...byName.values()].map((row) => {
    const value = encodePropertyValue(row);
    return row.type === "remove" || value === null
      ? { kind: "remove", group, ownerId, name: row.name }
      : { kind: "set", group, ownerId, name: row.name, type: row.type, value };
  });
}

export const isAccepted = (status: number | null | undefined): boolean =>
  typeof status === "number" && status >= 200 && status <= 299;

/** A property a send sets, as its row in profile_properties. */
export function propertyRow(send: AcceptedSend, change: Extract<PropertyChange, { kind: "set" }>) {
  return {
    environment_id: send.environmentId,
    grp: change.group,
    owner_id: change.ownerId,
    name: change.name,
    value: JSON.stringify(change.value),
    type: change.type,
    changed_at: send.acceptedAt,
    changed_by: send.sentBy,
    history_id: send.historyId,
  };
}
