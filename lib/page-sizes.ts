// How many rows a list screen shows per page (lib/list-params.ts parses ?size= against these).
export const PAGE_SIZES = [25, 50, 100, 250] as const;
export const MAX_PAGE_SIZE = 250;
export const DEFAULT_PAGE_SIZE = 25;
