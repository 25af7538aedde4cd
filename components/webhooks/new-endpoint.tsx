"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ErrorAlert } from "../alert";
import { useApiAction } from "../api-client";
import { Button } from "../button";
import { Dialog, DialogFooter } from "../dialog";
import { TextField } from "../fields";
import { EventPicker } from "./event-picker";
import { SecretReveal } from "./secret-reveal";

/** "Add endpoint": the URL and the events, then the signing secret, once. */
export function NewEndpoint({ variant = "primary" }: { variant?: "primary" | "secondary" }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const { run, pending, error, setError } = useApiAction<{ id: string; secret: string }>({ refresh: false });
  const close = () => {
    setOpen(false);
    setError(null);
    if (secret) router.refresh();
    setSecret(null);
  };
  return (
    <>
      <Button variant={variant} onClick={() => setOpen(true)}>
        Add endpoint
      </Button>
      <Dialog
        open={open}
        onClose={close}
        wide
        title={secret ? "Endpoint added" : "Add a webhook endpoint"}
        description={secret ? undefined : "Roster POSTs a signed JSON message to this URL whenever one of the chosen events happens."}
      >
        {secret ? (
          <>
            <SecretReveal secret={secret} />
            <DialogFooter>
              <Button variant="primary" onClick={close}>
                I’ve copied the secret
              </Button>
            </DialogFooter>
          </>
        ) : (
          <form
            className="space-y-5"
            onSubmit={async (e) => {
              e.preventDefault();
              const form = new FormData(e.currentTarget);
              const r = await run({ url: "/api/admin/webhooks", body: { url: String(form.get("url") ?? ""), events: form.getAll("events").map(String) } });
              if (r.ok) setSecret(r.data.secret);
            }}
          >
            <TextField label="Endpoint URL" name="url" type="url" required placeholder="https://hooks.example.com/roster" autoComplete="off" />
            <EventPicker />
            <ErrorAlert message={error} />
            <DialogFooter>
              <Button onClick={close} disabled={pending}>
                Cancel
              </Button>
              <Button type="submit" variant="primary" disabled={pending}>
                {pending ? "Adding…" : "Add endpoint"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </Dialog>
    </>
  );
}
