export const PROPERTY_TYPES = ["string", "numeric", "date", "remove"] as const;

export type PropertyType = (typeof PROPERTY_TYPES)[number];
