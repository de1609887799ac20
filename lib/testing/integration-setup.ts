import { inject } from "vitest";

// Data code reads DATABASE_URL through lib/env; point it at this run's database.
process.env.DATABASE_URL = inject("databaseUrl");
