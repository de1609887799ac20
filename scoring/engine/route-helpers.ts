import type { Fallback } from "../schema/inventory";
import { resolveRoute, type Context } from "./context";
import type { Route, Users } from "./route";

export { chainCountries, holdsOpenWeights, operatorOf } from "./route";

/** Resolves a fallback row (sharing the primary's users), or undefined on a dangling reference. */
export function resolveFallbackRoute(ctx: Context, fb: Fallback, users: Users): Route | undefined {
  return resolveRoute(ctx, fb, users, ctx.extraModels, ctx.extraVendors);
}
