export const PROPERTY_TYPES = ["string", "numeric", "date", "remove"] as const;

export type PropertyType = (typeof PROPERTY_TYPES)[number];

export const PROPERTY_TYPE_LABELS: Record<PropertyType, string> = {
  string: "String",
  numeric: "Numeric",
  date: "Date",
  remove: "Remove",
};
