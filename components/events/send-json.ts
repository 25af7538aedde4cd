/** Calls one of Roster's JSON routes and returns its answer or the error message it gave. */
export async function sendJson<T = unknown>(
  url: string,
  method: "POST" | "PATCH" | "PUT" | "DELETE",
  body?: unknown,
): Promise<{ ok: true; data: T } | { ok: false; message: string; status: number }> {
  try {
    const res = await fetch(url, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    if (res.ok) return { ok: true, data: json as T };
    return { ok: false, status: res.status, message: json.error?.message ?? `Request failed (${res.status}). Try again.` };
  } catch {
    return { ok: false, status: 0, message: "Could not reach Roster. Check your connection and try again." };
  }
}
