import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

// Outgoing mail, only where the operator configured SMTP (SOVRA_SMTP_URL, SOVRA_MAIL_FROM,
// SOVRA_PUBLIC_URL; docs/decisions/028). Sovra needs none: every link it mails is also shown to
// the person who created it. Links in mails are built from SOVRA_PUBLIC_URL, never from a
// request's Host header (which a client chooses: "password reset poisoning").

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

let transport: { url: string; transporter: nodemailer.Transporter } | undefined;

function transporter(url: string): nodemailer.Transporter {
  if (transport?.url !== url) transport = { url, transporter: nodemailer.createTransport(url) };
  return transport.transporter;
}

/** Whether mails can be sent at all. */
export function mailConfigured(): boolean {
  return Boolean(env().SOVRA_SMTP_URL);
}

/** A link to a path of Sovra for a mail, or null without SOVRA_PUBLIC_URL. */
export function publicLink(path: string): string | null {
  const base = env().SOVRA_PUBLIC_URL;
  return base ? new URL(path, base.endsWith("/") ? base : `${base}/`).toString() : null;
}

/**
 * Sends a plain-text mail; true when the server accepted it, false when mail is not configured or
 * sending failed (logged: the caller still has the link on screen, so this never fails an action).
 */
export async function sendMail(mail: Mail): Promise<boolean> {
  const { SOVRA_SMTP_URL: url, SOVRA_MAIL_FROM: from } = env();
  if (!url || !from) return false;
  try {
    await transporter(url).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    return true;
  } catch (e) {
    console.error("[mail] could not send:", e instanceof Error ? e.message : e);
    return false;
  }
}
