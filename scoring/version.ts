/**
 * The methodology version every result carries. Bump it whenever a factor, weight,
 * threshold or the catalogue's interpretation changes, so old assessments stay reproducible.
 */
export const METHODOLOGY_VERSION = "2026.12-1" as const;
