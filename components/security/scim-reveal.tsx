"use client";

import { createContext, useContext, useState } from "react";
import { Alert } from "../alert";
import { Button } from "../button";
import { TokenReveal } from "./token-reveal";

interface Revealed {
  token: string;
}

const RevealContext = createContext<(r: Revealed) => void>(() => {});

/** EnableScim hands the new token here, then the page refreshes around it. */
export const useRevealToken = () => useContext(RevealContext);

/**
 * Holds a just-issued token across the page refresh that follows enabling
 * SCIM: this component stays at the same place in the tree while the section
 * below it switches from "off" to "on", so React keeps its state and the
 * token stays on screen until the admin says they copied it.
 */
export function ScimReveal({ children }: { children: React.ReactNode }) {
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  return (
    <RevealContext.Provider value={setRevealed}>
      {revealed ? (
        <div className="space-y-4 border-b border-zinc-100 px-5 py-5">
          <Alert tone="success" title="SCIM provisioning is on" role="status">
            Your identity provider can now add, update and remove people. While it is on, people are managed there, not here.
          </Alert>
          <TokenReveal baseUrl={null} token={revealed.token} />
          <div className="flex justify-end">
            <Button variant="primary" onClick={() => setRevealed(null)}>
              I’ve copied the token
            </Button>
          </div>
        </div>
      ) : null}
      {children}
    </RevealContext.Provider>
  );
}
