"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useApiAction } from "../api-client";
import { Button } from "../button";
import { ConfirmAction } from "../confirm-action";
import { Dialog, DialogFooter } from "../dialog";
import { FormDialog } from "../form-dialog";
import { TextField } from "../fields";
import { EventPicker } from "./event-picker";
import { SecretReveal } from "./secret-reveal";

interface EndpointView {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
}

/** Change the URL and events of an endpoint. */
export function EditEndpoint({ endpoint }: { endpoint: EndpointView }) {
  const [open, setOpen] = useState(false);
  const { run, pending, error, setError } = useApiAction();
  const close = () => {
    setError(null);
    setOpen(false);
  };
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)}>
        Edit
      </Button>
      <FormDialog
        open={open}
        onClose={close}
        title="Edit endpoint"
        className="space-y-5"
        pending={pending}
        error={error}
        submitLabel={pending ? "Saving…" : "Save"}
        onSubmit={async (form) => {
          const r = await run({
            url: `/api/admin/webhooks/${endpoint.id}`,
            method: "PATCH",
            body: { url: String(form.get("url") ?? ""), events: form.getAll("events").map(String) },
          });
          if (r.ok) close();
        }}
      >
        <TextField label="Endpoint URL" name="url" type="url" required defaultValue={endpoint.url} autoComplete="off" />
        <EventPicker selected={endpoint.events} />
      </FormDialog>
    </>
  );
}

/** A new secret, after a warning: receivers must switch to it at once. */
export function RotateSecret({ endpointId }: { endpointId: string }) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <>
      <ConfirmAction
        label="Rotate secret"
        title="Rotate the signing secret?"
        description="Roster signs with the new secret from now on; requests signed with the old one stop at once. Update your receiver right after."
        confirmLabel="Rotate secret"
        confirmVariant="primary"
        request={{ url: `/api/admin/webhooks/${endpointId}/secret` }}
        onDone={(data) => setSecret((data as { secret: string }).secret)}
      />
      <Dialog
        open={secret !== null}
        onClose={() => {
          setSecret(null);
          router.refresh();
        }}
        wide
        title="Your new signing secret"
      >
        {secret ? <SecretReveal secret={secret} /> : null}
        <DialogFooter>
          <Button variant="primary" onClick={() => setSecret(null)}>
            I’ve copied the secret
          </Button>
        </DialogFooter>
      </Dialog>
    </>
  );
}

/** Turn off (asks first: events meanwhile wait) or back on (at once). */
export function ToggleEndpoint({ endpoint }: { endpoint: EndpointView }) {
  const { run, pending } = useApiAction();
  if (!endpoint.enabled) {
    return (
      <Button size="sm" disabled={pending} onClick={() => run({ url: `/api/admin/webhooks/${endpoint.id}`, method: "PATCH", body: { enabled: true } })}>
        {pending ? "Turning on…" : "Turn on"}
      </Button>
    );
  }
  return (
    <ConfirmAction
      label="Turn off"
      title="Turn this endpoint off?"
      description="Nothing is sent to it while it is off; events that happen meanwhile wait in its log and go out when you turn it back on."
      confirmLabel="Turn off"
      request={{ url: `/api/admin/webhooks/${endpoint.id}`, method: "PATCH", body: { enabled: false } }}
    />
  );
}

export function DeleteEndpoint({ endpoint, afterDelete }: { endpoint: EndpointView; afterDelete?: string }) {
  const router = useRouter();
  return (
    <ConfirmAction
      label="Delete"
      title="Delete this endpoint?"
      description={`Roster stops sending to ${endpoint.url} and forgets its delivery log. This cannot be undone.`}
      confirmLabel="Delete endpoint"
      request={{ url: `/api/admin/webhooks/${endpoint.id}`, method: "DELETE" }}
      onDone={() => {
        if (afterDelete) router.push(afterDelete);
      }}
    />
  );
}

/** Queues a webhook.test message; it appears at the top of the delivery log. */
export function SendTestEvent({ endpointId }: { endpointId: string }) {
  const { run, pending, error } = useApiAction();
  const [sent, setSent] = useState(false);
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        size="sm"
        disabled={pending}
        onClick={async () => {
          setSent(false);
          if ((await run({ url: `/api/admin/webhooks/${endpointId}/test` })).ok) setSent(true);
        }}
      >
        {pending ? "Sending…" : "Send test event"}
      </Button>
      {sent ? (
        <span role="status" className="text-sm text-zinc-600">
          Test event queued: see the log below.
        </span>
      ) : null}
      {error ? (
        <span role="alert" className="text-sm text-rose-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** Sends one delivery again, with the same webhook-id and body. */
export function ResendDelivery({ deliveryId }: { deliveryId: number }) {
  const { run, pending, error } = useApiAction();
  return (
    <span className="inline-flex items-center gap-2">
      {error ? (
        <span role="alert" className="text-xs text-rose-700">
          {error}
        </span>
      ) : null}
      <Button size="sm" disabled={pending} onClick={() => run({ url: `/api/admin/webhooks/deliveries/${deliveryId}/resend` })}>
        {pending ? "Resending…" : "Resend"}
      </Button>
    </span>
  );
}
