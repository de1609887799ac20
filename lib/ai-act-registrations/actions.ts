"use server";
import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/actions";
import { missingFields } from "@/lib/ai-act-registrations/annex-viii";
import { aiActRegistrationSchema } from "@/lib/ai-act-registrations/schemas";
import { saveAiActRegistration } from "@/lib/ai-act-registrations/mutations";

/**
 * Saves an AI system's EU AI Act registration from its page (decision 046) and stays there; the
 * answer says what Annex VIII C still lacks. Editing is the inventory editors' (inventory:write).
 */
export const saveAiActRegistrationAction = orgAction("inventory:write", aiActRegistrationSchema, async (ctx, input) => {
  const saved = await saveAiActRegistration(ctx, input);
  revalidatePath(`/${ctx.organisationSlug}/inventory/ai-systems/${input.aiSystemId}`);
  revalidatePath(`/${ctx.organisationSlug}/reports`);
  const missing = missingFields(saved);
  return {
    status: "success",
    message: missing.length === 0 ? "Registration saved: every Annex VIII C item is filled in." : `Registration saved. Still missing: ${missing.join("; ")}.`,
    data: { version: saved.version },
  };
});
