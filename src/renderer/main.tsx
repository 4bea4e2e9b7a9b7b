// Renderer entry: pick the transport, start mirroring the host into the stores, render the app.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ClientContext } from './client/client-context';
import { createStudioClient } from './client/create-studio-client';
import { startHostSync } from './stores/host-sync';
import { startRouteSync } from './stores/ui-store';
import './styles/base.css';

const client = createStudioClient();
startHostSync(client);
startRouteSync();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <ClientContext.Provider value={client}>
      <App />
    </ClientContext.Provider>
  </StrictMode>,
);
