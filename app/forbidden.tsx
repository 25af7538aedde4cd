import Link from "next/link";
import { LockIcon } from "@/components/icons";

export default function Forbidden() {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 text-center">
      <div className="grid size-12 place-items-center rounded-full bg-rose-50 text-rose-600">
        <LockIcon className="size-6" />
      </div>
      <h1 className="mt-4 text-xl font-semibold text-zinc-900">You don’t have access to this page</h1>
      <p className="mt-2 max-w-md text-sm text-zinc-500">
        Only owners and admins of your organisation can open the admin console. Ask an admin if you need access.
      </p>
      <Link href="/" className="mt-6 rounded-lg bg-zinc-900 px-4 py-2 text-sm font-medium text-white hover:bg-zinc-700">
        Go to your home page
      </Link>
    </div>
  );
}
