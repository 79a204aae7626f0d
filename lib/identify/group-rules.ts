import { MAX_PROPERTIES_PER_GROUP } from "./limits";

export type PropertyGroup = "user" | "company";

export type GroupIssue = { path: [] | [number, "name"]; message: string };

/** Checks that need the whole group of rows: how many there are, repeated names, names reserved for a field. */
export function propertyGroupIssues(group: PropertyGroup, rows: readonly { name: string }[]): GroupIssue[] {
  const issues: GroupIssue[] = [];
  if (rows.length > MAX_PROPERTIES_PER_GROUP) {
    issues.push({
      path: [],
      message: `At most ${MAX_PROPERTIES_PER_GROUP} ${group} properties can be sent at once; remove ${rows.length - MAX_PROPERTIES_PER_GROUP}`,
    });
  }
  const seen = new Set<string>();
  rows.forEach(({ name }, index) => {
    if (group === "company" && name === "id") {
      issues.push({ path: [index, "name"], message: "Set the company's id in the Company ID field" });
    } else if (seen.has(name)) {
      issues.push({
        path: [index, "name"],
        message: `Duplicate property "${name}": each name can be set once`,
      });
    } else if (name !== "") {
      seen.add(name);
    }
  });
  return issues;
}
