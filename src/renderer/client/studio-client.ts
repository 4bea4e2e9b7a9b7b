// StudioClient: the renderer's only door to the host. Views and stores call typed service proxies
// (`client.projects.create({ name })`) and subscribe to typed events; which transport carries them
// (Electron IPC or a WebSocket) is decided once at startup and invisible from here on.
import {
  studioContract,
  studioEventNames,
  type ArgsOf,
  type MethodName,
  type ResultOf,
  type ServiceName,
  type StudioApi,
  type StudioEventName,
  type StudioEvents,
} from '../../shared/api';
import type { ConnectionState, Transport } from './transport';

type Listener<E extends StudioEventName> = (payload: StudioEvents[E]) => void;

const knownEvents: ReadonlySet<string> = new Set(studioEventNames);

export class StudioClient {
  readonly projects: StudioApi['projects'];
  readonly jobs: StudioApi['jobs'];
  readonly benchmarks: StudioApi['benchmarks'];
  readonly system: StudioApi['system'];
  readonly documents: StudioApi['documents'];
  readonly scripts: StudioApi['scripts'];
  readonly assets: StudioApi['assets'];
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>();
  private readonly stopEvents: () => void;

  constructor(private readonly transport: Transport) {
    this.projects = this.proxy('projects');
    this.jobs = this.proxy('jobs');
    this.benchmarks = this.proxy('benchmarks');
    this.system = this.proxy('system');
    this.documents = this.proxy('documents');
    this.scripts = this.proxy('scripts');
    this.assets = this.proxy('assets');
    this.stopEvents = transport.onEvent((name, payload) => this.dispatch(name, payload));
  }

  get connection(): ConnectionState {
    return this.transport.connection;
  }

  /** Resolves with the method's result; rejects with a StudioError. */
  call<S extends ServiceName, M extends MethodName<S>>(service: S, method: M, args: ArgsOf<S, M>): Promise<ResultOf<S, M>> {
    return this.transport.call(service, method, args) as Promise<ResultOf<S, M>>;
  }

  on<E extends StudioEventName>(name: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(name);
    if (!set) {
      set = new Set();
      this.listeners.set(name, set);
    }
    const entry = listener as (payload: unknown) => void;
    set.add(entry);
    return () => set.delete(entry);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.transport.onConnection(listener);
  }

  dispose(): void {
    this.stopEvents();
    this.listeners.clear();
    this.transport.close();
  }

  private proxy<S extends ServiceName>(service: S): StudioApi[S] {
    const methods = Object.keys(studioContract[service]).map((method) => [
      method,
      (args: never) => this.call(service, method as MethodName<S>, args),
    ]);
    return Object.freeze(Object.fromEntries(methods)) as StudioApi[S];
  }

  private dispatch(name: string, payload: unknown): void {
    if (!knownEvents.has(name)) return;
    for (const listener of this.listeners.get(name) ?? []) {
      // One broken subscriber must not starve the others of the same event.
      try {
        listener(payload);
      } catch (err) {
        console.error(`montage: a ${name} listener failed`, err);
      }
    }
  }
}
