import type { OutboxEmail } from "@/lib/db/schema";
import { env } from "@/lib/env";

export interface EmailTransport {
  name: "smtp" | "mailbox";
  send(email: OutboxEmail): Promise<void>;
}

/**
 * SMTP through nodemailer when SMTP_URL is set. Otherwise the development
 * mailbox: the email stays in the outbox table and /dev/mailbox shows it,
 * which is all a laptop or a test run needs.
 */
export async function createTransport(): Promise<EmailTransport> {
  const { SMTP_URL, EMAIL_FROM } = env();
  if (!SMTP_URL) return { name: "mailbox", send: async () => {} };
  const nodemailer = await import("nodemailer");
  const transporter = nodemailer.createTransport(SMTP_URL);
  return {
    name: "smtp",
    async send(email) {
      await transporter.sendMail({
        from: EMAIL_FROM,
        to: email.to,
        subject: email.subject,
        text: email.text,
        html: email.html,
        // Stable id: if a crash makes us send twice, receiving servers can tell it is the same message.
        messageId: `<outbox-${email.id}@roster>`,
      });
    },
  };
}
