import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/auth/client-address";

/** The current request's client address (lib/auth/client-address.ts), for actions that throttle. */
export async function requestAddress(): Promise<string> {
  return clientAddress(await headers(), env().SOVRA_TRUSTED_PROXIES);
}
