"use client";

import { signOut } from "next-auth/react";
import { LogoutIcon } from "./icons";

export function SignOutButton({ callbackUrl = "/login" }: { callbackUrl?: string }) {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl })}
      className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900"
    >
      <LogoutIcon className="size-4" />
      Sign out
    </button>
  );
}
