import { z } from "zod";
import { roleSchema } from "@/lib/members/schemas";

export const createApiTokenSchema = z.object({
  name: z.string().trim().min(1, "Enter a name, e.g. what will use the token").max(80, "Use at most 80 characters"),
  role: roleSchema,
});

export const revokeApiTokenSchema = z.object({ tokenId: z.uuid() });

export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
