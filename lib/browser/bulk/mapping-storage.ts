import { bulkMappingSchema, mappingFits, type BulkMapping } from "@/lib/bulk/mapping";

// The mapping of a file is remembered per environment and per exact header list, in this browser only.
const keyOf = (environmentId: string, headers: readonly string[]) =>
  `identify-console:bulk-mapping:v1:${JSON.stringify([environmentId, headers])}`;

/** The mapping last used for these headers in this environment, when what is stored still reads as one. */
export function loadMapping(environmentId: string, headers: readonly string[]): BulkMapping | undefined {
  try {
    const stored = window.localStorage.getItem(keyOf(environmentId, headers));
    if (stored === null) return undefined;
    const mapping = bulkMappingSchema.safeParse(JSON.parse(stored));
    return mapping.success && mappingFits(mapping.data, headers.length) ? mapping.data : undefined;
  } catch {
    return undefined;
  }
}

export function saveMapping(environmentId: string, headers: readonly string[], mapping: BulkMapping): void {
  try {
    window.localStorage.setItem(keyOf(environmentId, headers), JSON.stringify(mapping));
  } catch {
    // Storage full or disabled: the mapping is simply not remembered.
  }
}
