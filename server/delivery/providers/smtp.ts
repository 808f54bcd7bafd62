import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "../../core/env";
import { ProviderError, type DeliveryProvider, type TextMessage } from "./provider";

let transport: { url: string; transporter: Transporter } | undefined;

function transporter(url: string): Transporter {
  if (transport?.url !== url) {
    transport = {
      url,
      transporter: nodemailer.createTransport(url, { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 }),
    };
  }
  return transport.transporter;
}

/**
 * Email through the organisation's mail server (SMTP_URL). The outbox message ID becomes the
 * Message-ID, so a mail server or reader can tell a retried message from a new one.
 */
export const smtpProvider: DeliveryProvider = {
  name: "smtp",
  channels: ["email"],
  senders: {},
  async send(message: TextMessage) {
    const smtp = getEnv().smtp;
    if (!smtp) throw new ProviderError("smtp", "SMTP_URL is not set");
    try {
      const info = await transporter(smtp.url).sendMail({
        from: smtp.from,
        to: message.recipient,
        subject: message.subject ?? "Tweestap",
        text: message.body,
        messageId: `<${message.id}@tweestap>`,
        headers: { "Content-Language": message.locale },
      });
      return { status: "accepted", providerMessageId: info.messageId };
    } catch (error) {
      throw new ProviderError("smtp", error instanceof Error ? error.message.split("\n")[0]!.slice(0, 200) : "failed");
    }
  },
};
