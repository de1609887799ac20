// The inventory's tables by name: what the import page (a client component) needs of
// ./tabular.ts, without the readers and their reference data.

export const TABLE_ENTITIES = ["offices", "vendors", "models", "ai_systems", "dependencies", "fallbacks", "data_flows", "policy_events"] as const;
export type TableEntity = (typeof TABLE_ENTITIES)[number];

/** Sheet names (XLSX) and labels (CSV entity selector), in dependency order. */
export const TABLE_TITLES: Record<TableEntity, string> = {
  offices: "Offices",
  vendors: "Vendors",
  models: "Models",
  ai_systems: "AI systems",
  dependencies: "Dependencies",
  fallbacks: "Fallbacks",
  data_flows: "Data flows",
  policy_events: "Policy events",
};
