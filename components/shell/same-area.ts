/** A segment that names one record (an id, a token) rather than an area of the app. */
const RECORD = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)$/i;
/** Segments that are a form or a view of one thing, not an area: the list above them is the area. */
const NOT_AN_AREA = new Set(["new", "edit", "compare"]);

/**
 * Where switching organisation lands: the same area of the other organisation ("/a/inventory/vendors/<id>"
 * -> "/b/inventory/vendors"), never a record of the first one, which the other does not have.
 * Areas go two levels deep (inventory/vendors, settings/members, scores/assessments).
 */
export function sameAreaPath(pathname: string, to: string): string {
  const [, , ...rest] = pathname.split("/");
  const area: string[] = [];
  for (const segment of rest) {
    if (!segment || RECORD.test(segment) || NOT_AN_AREA.has(segment) || area.length === 2) break;
    area.push(segment);
  }
  return `/${[encodeURIComponent(to), ...area].join("/")}`;
}
