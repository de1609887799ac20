import { apiRoute } from "@/lib/api/route";
import { deleteAiSystemOperation, getAiSystemOperation, updateAiSystemOperation } from "@/lib/api/ai-system-operations";
import { presentAiSystem } from "@/lib/api/ai-system-schemas";
import { assertOwnBodyIds, definedOnly } from "@/lib/api/body-ids";
import { notFoundError } from "@/lib/errors";
import { getAiSystem } from "@/lib/ai-systems/queries";
import { deleteAiSystem, updateAiSystem } from "@/lib/ai-systems/mutations";

export const GET = apiRoute(getAiSystemOperation, async ({ ctx, params }) => {
  const system = await getAiSystem(ctx, params.id);
  if (!system) throw notFoundError("AI system");
  return presentAiSystem(system);
});

export const PATCH = apiRoute(updateAiSystemOperation, async ({ ctx, params, body: { version, ...changes } }) => {
  // Fields not sent keep their values. If the system changed since `version`, the guarded update
  // refuses with the current row, whatever was read here.
  const current = await getAiSystem(ctx, params.id);
  if (!current) throw notFoundError("AI system");
  await assertOwnBodyIds(ctx, { officeIds: changes.officeIds });
  const { name, description, owner, criticality, toleratedDowntimeMinutes, usersServed, teams, officeIds } = current;
  const saved = await updateAiSystem(ctx, params.id, version, { name, description, owner, criticality, toleratedDowntimeMinutes, usersServed, teams, officeIds, ...definedOnly(changes) });
  return presentAiSystem(saved);
});

export const DELETE = apiRoute(deleteAiSystemOperation, async ({ ctx, params, query }) => {
  await deleteAiSystem(ctx, params.id, query.version);
});
