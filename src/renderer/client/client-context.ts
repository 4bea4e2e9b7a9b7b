// Hands the one StudioClient to views through React context, so nothing imports a global and a
// test or a second window can mount the app with its own client.
import { createContext, useContext } from 'react';
import type { StudioClient } from './studio-client';

export const ClientContext = createContext<StudioClient | null>(null);

export function useStudioClient(): StudioClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useStudioClient needs a <ClientContext.Provider> above it.');
  return client;
}
