import { apiRoute } from "@/lib/api/route";
import { deleteRemediationActionOperation, getRemediationActionOperation, updateRemediationActionOperation } from "@/lib/api/remediation-operations";
import { presentRemediation } from "@/lib/api/remediation-schemas";
import { definedOnly } from "@/lib/api/vendor-schemas";
import { notFoundError } from "@/lib/errors";
import { today } from "@/lib/scores/queries";
import { overdueDays } from "@/lib/remediation/plan";
import { getRemediationAction } from "@/lib/remediation/queries";
import { deleteRemediationAction, updateRemediationAction } from "@/lib/remediation/mutations";
import { updateRemediationSchema } from "@/lib/remediation/schemas";

export const GET = apiRoute(getRemediationActionOperation, async ({ ctx, params }) => {
  const action = await getRemediationAction(ctx, params.id);
  if (!action) throw notFoundError("Remediation action");
  return presentRemediation(action, overdueDays(action, today()));
});

export const PATCH = apiRoute(updateRemediationActionOperation, async ({ ctx, params, body: { version, ...changes } }) => {
  // Fields not sent keep their values; the merged action is checked with the edit form's schema.
  const current = await getRemediationAction(ctx, params.id);
  if (!current) throw notFoundError("Remediation action");
  const stored = { title: current.title, description: current.description, ownerId: current.owner?.id ?? null, dueDate: current.dueDate, priority: current.priority, status: current.status };
  const { id: _id, version: _v, ...input } = updateRemediationSchema.parse({ ...stored, ...definedOnly(changes), id: params.id, version });
  const action = await updateRemediationAction(ctx, params.id, version, input);
  return presentRemediation(action, overdueDays(action, today()));
});

export const DELETE = apiRoute(deleteRemediationActionOperation, async ({ ctx, params, query }) => {
  await deleteRemediationAction(ctx, params.id, query.version);
});
