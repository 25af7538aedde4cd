const initials = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");

export function Avatar({ name, size = "md" }: { name: string; size?: "md" | "lg" }) {
  const cls = size === "lg" ? "size-16 text-xl" : "size-10 text-sm";
  return (
    <span aria-hidden="true" className={`inline-grid shrink-0 place-items-center rounded-full bg-brand-100 font-semibold text-brand-700 ${cls}`}>
      {initials(name) || "?"}
    </span>
  );
}
