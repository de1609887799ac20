"use client";
import { useActionState } from "react";
import { setupAction } from "@/lib/auth/actions";
import { idle, submitted } from "@/lib/action-state";
import { TextField } from "@/components/ui/field";
import { NewPasswordField } from "@/components/auth/new-password-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { Alert } from "@/components/ui/alert";
import { CountrySelect } from "@/components/ui/country-select";
import { useClientValidation } from "@/components/ui/use-client-validation";

// Each form's schema loads after the page is up, not in its first load (use-client-validation.ts).
const loadSetupSchema = () => import("@/lib/auth/schemas").then((m) => m.setupSchema);

export function SetupForm() {
  const [state, action] = useActionState(setupAction, idle);
  const { fieldErrors, onSubmit, formRef } = useClientValidation(loadSetupSchema, state);
  return (
    <form action={action} ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4">
      {state.status === "error" && <Alert tone="error">{state.message}</Alert>}
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">Your account</legend>
        <TextField label="Your name" name="name" autoComplete="name" required defaultValue={submitted(state, "name")} errors={fieldErrors?.name} />
        <TextField label="Email" name="email" type="email" autoComplete="email" required defaultValue={submitted(state, "email")} errors={fieldErrors?.email} />
        <NewPasswordField label="Password" name="password" errors={fieldErrors?.password} />
      </fieldset>
      <fieldset className="space-y-4 border-t border-slate-100 pt-4">
        <legend className="text-sm font-semibold text-slate-900">Your organisation</legend>
        <TextField label="Organisation name" name="organisationName" required defaultValue={submitted(state, "organisationName")} errors={fieldErrors?.organisationName} />
        <CountrySelect label="Headquarters country" name="hqCountry" defaultValue={submitted(state, "hqCountry")} errors={fieldErrors?.hqCountry} />
        <TextField label="Sector" name="sector" placeholder="e.g. Industrial manufacturing" required defaultValue={submitted(state, "sector")} errors={fieldErrors?.sector} />
      </fieldset>
      <SubmitButton className="w-full" pendingText="Creating…">
        Create account and organisation
      </SubmitButton>
    </form>
  );
}
