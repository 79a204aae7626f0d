import type { PropertyType } from "@/lib/identify/property-types";
import type { ProfileGroup, RegistryEntry, KnownValueType } from "./types";

// Type drift: a property sent as another type than the one it was established as. Segments built on the
// established type quietly stop matching, so the form warns and asks once more.

export const TYPE_LABELS: Record<KnownValueType, string> = { string: "String", numeric: "Numeric", date: "Date" };

export type TypeDrift = {
  name: string;
  group: ProfileGroup;
  established: KnownValueType;
  establishedCount: number;
  sending: KnownValueType;
  /** How often it was sent as the new type before (0 when never). */
  sendingCount: number;
  message: string;
};

const times = (n: number) => (n === 1 ? "once" : `${n.toLocaleString("en-US")} times`);

/** The drift of sending `name` as `type`, or null (unknown name, the established type, or a removal). */
export function typeDrift(
  registry: readonly RegistryEntry[],
  group: ProfileGroup,
  name: string,
  type: PropertyType,
): TypeDrift | null {
  if (type === "remove") return null;
  const entry = registry.find((candidate) => candidate.group === group && candidate.name === name);
  if (!entry || entry.established === type) return null;
  const establishedCount = entry.types[entry.established] ?? 0;
  const sendingCount = entry.types[type] ?? 0;
  return {
    name,
    group,
    established: entry.established,
    establishedCount,
    sending: type,
    sendingCount,
    message: `${name} was sent as ${TYPE_LABELS[entry.established]} ${times(establishedCount)}; sending ${TYPE_LABELS[type]} splits segments`,
  };
}
