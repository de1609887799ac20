export function migrateDeploy(url: string, dir?: string): Promise<{ appliedMigrationNames: string[] }>;
