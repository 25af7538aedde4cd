/** The events an endpoint can subscribe to (docs/webhooks.md says what each carries). */
export const WEBHOOK_EVENTS = [
  "member.invited",
  "member.activated",
  "member.updated",
  "member.deactivated",
  "member.reactivated",
  "member.deleted",
  "member.seat_refused",
  "group.created",
  "group.updated",
  "group.deleted",
  "group.members_changed",
  "scim.token.created",
  "scim.token.revoked",
  "sso.connection.updated",
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** Sent only by "Send test event": never subscribed to, always delivered to the endpoint asked. */
export const TEST_EVENT = "webhook.test";

export function isWebhookEvent(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENTS as readonly string[]).includes(value);
}
