// Userpilot documents none of these for Identify; they come from a secondary source
// (see shared/reference/userpilot-api.md) and are enforced here so a request fails in the form, not upstream.
export const MAX_ID_LENGTH = 255;
export const MAX_PROPERTY_NAME_LENGTH = 255;
export const MAX_STRING_VALUE_LENGTH = 65_535;
export const MAX_PROPERTIES_PER_GROUP = 500;

// Caps checked before any pattern sees a value, so no input is long enough to make a pattern slow. A number
// written out in full reaches about 330 characters (1e-308 with every zero), a date with a time about 40.
export const MAX_NUMERIC_VALUE_LENGTH = 400;
export const MAX_DATE_VALUE_LENGTH = 64;
