// Userpilot documents none of these for Identify; they come from a secondary source
// (see shared/reference/userpilot-api.md) and are enforced here so a request fails in the form, not upstream.
export const MAX_ID_LENGTH = 255;
export const MAX_PROPERTY_NAME_LENGTH = 255;
export const MAX_STRING_VALUE_LENGTH = 65_535;
export const MAX_PROPERTIES_PER_GROUP = 500;
