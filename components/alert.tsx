const TONES = {
  info: "border-brand-200 bg-brand-50 text-brand-900",
  warning: "border-amber-300 bg-amber-50 text-amber-900",
  error: "border-rose-200 bg-rose-50 text-rose-900",
  success: "border-emerald-200 bg-emerald-50 text-emerald-900",
} as const;

/** A message across the page: what happened, and what to do next (children / action). */
export function Alert({
  tone = "info",
  title,
  children,
  action,
  role,
  className = "",
}: {
  tone?: keyof typeof TONES;
  title?: React.ReactNode;
  children?: React.ReactNode;
  action?: React.ReactNode;
  role?: "alert" | "status";
  className?: string;
}) {
  return (
    <div role={role} className={`flex flex-wrap items-start justify-between gap-3 rounded-xl border px-4 py-3 text-sm ${TONES[tone]} ${className}`}>
      <div className="min-w-0 flex-1">
        {title ? <p className="font-semibold">{title}</p> : null}
        {children ? <div className={title ? "mt-1 opacity-90" : ""}>{children}</div> : null}
      </div>
      {action ? <div className="shrink-0">{action}</div> : null}
    </div>
  );
}

/** The server's refusal where the action was tried (a dialog, a form), or nothing. */
export function ErrorAlert({ message, className }: { message: string | null; className?: string }) {
  return message ? (
    <Alert tone="error" role="alert" className={className}>
      {message}
    </Alert>
  ) : null;
}
