import type { Executor } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import type { RenderedEmail } from "./render";

export interface OutboxInput extends RenderedEmail {
  orgId?: string | null;
  kind: string;
  to: string;
}

/**
 * Queues an email in the caller's transaction (transactional outbox): it is
 * sent only if the change commits, and survives a crash until it is sent.
 */
export async function enqueueEmail(tx: Executor, input: OutboxInput): Promise<void> {
  await tx.insert(emailOutbox).values({
    orgId: input.orgId ?? null,
    kind: input.kind,
    to: input.to,
    subject: input.subject,
    text: input.text,
    html: input.html,
  });
  announceQueuedEmail();
}

type Listener = () => void;
const listeners = globalThis as unknown as { __rosterOutboxListeners?: Set<Listener> };

/** Lets the in-process delivery worker wake up early instead of waiting for its next tick. */
export function onOutboxEnqueued(listener: Listener): () => void {
  listeners.__rosterOutboxListeners ??= new Set();
  listeners.__rosterOutboxListeners.add(listener);
  return () => listeners.__rosterOutboxListeners?.delete(listener);
}

/** Wakes this process's delivery worker; for code that writes outbox rows itself (lib/orgs/new-member.ts). */
export function announceQueuedEmail() {
  for (const l of listeners.__rosterOutboxListeners ?? []) l();
}
