// What the status bar and the "This machine" card know about the host: the connection, the
// install (version, shell) and the ML backend the workers use.
import { create } from 'zustand';
import type { BackendReport, SystemInfo } from '../../shared/api';
import type { ConnectionState } from '../client/transport';

interface SystemState {
  connection: ConnectionState;
  /** When the link to the host went down; null while connected. Live job timers stop here. */
  lostAt: number | null;
  info: SystemInfo | null;
  backend: BackendReport | null;
}

export const useSystemStore = create<SystemState>()(() => ({ connection: 'connecting', lostAt: null, info: null, backend: null }));

export function setConnection(connection: ConnectionState): void {
  useSystemStore.setState((s) => ({
    connection,
    lostAt: connection === 'connected' ? null : (s.lostAt ?? (s.connection === 'connected' ? Date.now() : null)),
  }));
}

/** A probe that has not reported yet leaves mlBackend null; keep a backend an event already gave. */
export function setSystemInfo(info: SystemInfo): void {
  useSystemStore.setState((s) => ({ info, backend: info.mlBackend ?? s.backend }));
}

export function setBackend(backend: BackendReport): void {
  useSystemStore.setState({ backend });
}
