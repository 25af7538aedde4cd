"use client";

/**
 * Makes a filter form's selects apply on change (the form is a plain GET
 * form, so it also works with the Apply button and without JavaScript).
 */
export function AutoSubmit({ children }: { children: React.ReactNode }) {
  return (
    <div
      className="contents"
      onChange={(e) => {
        const target = e.target as HTMLElement;
        if (target instanceof HTMLSelectElement) target.form?.requestSubmit();
      }}
    >
      {children}
    </div>
  );
}
