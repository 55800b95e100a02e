import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from "react";
import { api } from "../api/client";
import type { Me, Wallet } from "../api/types";

type MeState = {
  me: Me | undefined;
  wallet: Wallet | undefined;
  refreshMe(): Promise<void>;
  refreshWallet(): Promise<Wallet | undefined>;
};

const Context = createContext<MeState | null>(null);

/** Who is signed in (GET /api/me) and their wallet balance, shared by the navigation and every screen. */
export function MeProvider({ token, children }: { token: string; children: ReactNode }) {
  const [me, setMe] = useState<Me>();
  const [wallet, setWallet] = useState<Wallet>();

  const refreshMe = useCallback(async () => {
    try {
      setMe(await api<Me>("/api/me"));
    } catch {
      // A lost session is handled by the API client; anything else leaves the last known profile.
    }
  }, []);

  const refreshWallet = useCallback(async () => {
    try {
      const fresh = await api<Wallet>("/api/wallet");
      setWallet(fresh);
      return fresh;
    } catch {
      return undefined;
    }
  }, []);

  useEffect(() => {
    setMe(undefined);
    setWallet(undefined);
    refreshMe();
    refreshWallet();
  }, [token, refreshMe, refreshWallet]);

  return <Context.Provider value={{ me, wallet, refreshMe, refreshWallet }}>{children}</Context.Provider>;
}

export function useMe(): MeState {
  const value = useContext(Context);
  if (!value) throw new Error("useMe outside MeProvider");
  return value;
}
