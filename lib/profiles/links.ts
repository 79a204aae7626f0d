/** The address of a user's or a company's profile page, in an environment when one is named. */
export function profileHref(kind: "user" | "company", id: string, environmentId?: string): string {
  const path = `/${kind === "user" ? "users" : "companies"}/${encodeURIComponent(id)}`;
  return environmentId ? `${path}?${new URLSearchParams({ environment: environmentId }).toString()}` : path;
}

/** A user or company id from a dynamic segment: Next hands pages the segment still percent-encoded. */
export function idFromSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
