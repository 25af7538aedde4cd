/**
 * A tiny, dependency-free email layout: every email has a text part (for
 * people and spam filters) and a simple HTML part with one call to action.
 */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export interface EmailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  footer?: string;
}

export function renderEmail(c: EmailContent): RenderedEmail {
  const text = [
    c.heading,
    "",
    ...c.paragraphs.flatMap((p) => [p, ""]),
    ...(c.action ? [`${c.action.label}: ${c.action.url}`, ""] : []),
    ...(c.footer ? [c.footer] : []),
  ]
    .join("\n")
    .trim();
  const button = c.action
    ? `<p style="margin:28px 0"><a href="${escapeHtml(c.action.url)}" style="background:#4f46e5;color:#fff;padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(c.action.label)}</a></p>
<p style="color:#6b7280;font-size:13px">Or paste this link into your browser:<br><span style="word-break:break-all">${escapeHtml(c.action.url)}</span></p>`
    : "";
  const html = `<!doctype html><html><body style="margin:0;background:#f4f4f5;font-family:Inter,Segoe UI,Helvetica,Arial,sans-serif;color:#18181b">
<div style="max-width:520px;margin:32px auto;background:#fff;border-radius:12px;padding:32px;border:1px solid #e4e4e7">
<p style="font-weight:700;color:#4f46e5;margin:0 0 24px">Roster</p>
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(c.heading)}</h1>
${c.paragraphs.map((p) => `<p style="line-height:1.6;margin:0 0 12px">${escapeHtml(p)}</p>`).join("\n")}
${button}
${c.footer ? `<p style="color:#71717a;font-size:12px;margin-top:32px;border-top:1px solid #e4e4e7;padding-top:16px">${escapeHtml(c.footer)}</p>` : ""}
</div></body></html>`;
  return { subject: c.subject, text, html };
}
