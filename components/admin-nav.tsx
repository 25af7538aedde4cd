"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { CalendarIcon, CardIcon, GroupsIcon, KeyIcon, LogIcon, ShieldIcon, UsersIcon, WebhookIcon } from "./icons";

const ITEMS = [
  { href: "/admin/users", label: "Users", icon: UsersIcon },
  { href: "/admin/groups", label: "Groups", icon: GroupsIcon },
  { href: "/admin/admins", label: "Admin Management", icon: KeyIcon },
  { href: "/admin/billing", label: "Billing", icon: CardIcon },
  { href: "/admin/security", label: "Security", icon: ShieldIcon },
  { href: "/admin/events", label: "Managed events", icon: CalendarIcon },
  { href: "/admin/webhooks", label: "Webhooks", icon: WebhookIcon },
  { href: "/admin/audit", label: "Audit log", icon: LogIcon },
];

export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Admin" className="flex flex-col gap-0.5">
      {ITEMS.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={`flex items-center gap-3 rounded-lg px-3 py-2 text-sm font-medium transition-colors ${
              active ? "bg-brand-50 text-brand-700" : "text-zinc-600 hover:bg-zinc-100 hover:text-zinc-900"
            }`}
          >
            <Icon className={`size-5 ${active ? "text-brand-600" : "text-zinc-400"}`} />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
