import type { PropertyGroup } from "./group-rules";
import type { PropertyType } from "./property-types";

export type ReservedSuggestion = { name: string; type: PropertyType; description: string };

export type PropertyNameHint = { suggestedType?: PropertyType; note?: string; warning?: string };

export const RESERVED_SUGGESTIONS: Record<PropertyGroup, ReservedSuggestion[]> = {
  user: [
    { name: "name", type: "string", description: "The user's full name" },
    { name: "email", type: "string", description: "The user's email address" },
    { name: "created_at", type: "date", description: "When the user signed up" },
  ],
  company: [
    { name: "name", type: "string", description: "The company's name" },
    { name: "created_at", type: "date", description: "When the company signed up" },
  ],
};

const SET_BY_USERPILOT = "Userpilot sets this itself; sending it overwrites what Userpilot recorded";

const SPECIAL_NAMES: Record<PropertyGroup, Record<string, PropertyNameHint>> = {
  user: {
    signed_up_at: {
      suggestedType: "date",
      note: "Alias of created_at: Userpilot stores it as the sign-up date",
    },
    first_seen_at: { suggestedType: "date", warning: SET_BY_USERPILOT },
    last_seen_at: { suggestedType: "date", warning: SET_BY_USERPILOT },
  },
  company: {
    id: { warning: "Set the company's id in the Company ID field" },
    // Userpilot's OpenAPI page names the company key company_id; this app sends it as company.id.
    company_id: {
      warning: "Set the company's id in the Company ID field; this would be a separate property",
    },
  },
};

/** What to tell the user about a property name as they type it, or undefined when it is an ordinary name. */
export function propertyNameHint(group: PropertyGroup, name: string): PropertyNameHint | undefined {
  const special = Object.hasOwn(SPECIAL_NAMES[group], name) ? SPECIAL_NAMES[group][name] : undefined;
  if (special) return special;
  const reserved = RESERVED_SUGGESTIONS[group].find((suggestion) => suggestion.name === name);
  if (reserved) {
    return {
      suggestedType: reserved.type,
      note: `Reserved by Userpilot: ${reserved.description.toLowerCase()}`,
    };
  }
  const differentCase = RESERVED_SUGGESTIONS[group].find(
    (suggestion) => suggestion.name === name.toLowerCase(),
  );
  if (differentCase) {
    return {
      suggestedType: differentCase.type,
      warning: `Userpilot's reserved property is "${differentCase.name}" in lower case; "${name}" would be a separate property`,
    };
  }
  return undefined;
}
