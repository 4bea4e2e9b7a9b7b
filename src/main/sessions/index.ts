// Long-lived model sessions (see session-manager.ts and docs/architecture.md, "Model sessions").
export { chooseEvictions, type Eviction, type EvictionLimits, type SessionUsage } from './eviction';
export {
  SessionManager,
  sessionWorkerEntry,
  type SessionHandle,
  type SessionInfo,
  type SessionManagerOptions,
  type SessionRequestOptions,
} from './session-manager';
export { describeExit, startSessionProcess, type SessionProcess, type SessionProcessCallbacks, type StartSessionProcess } from './session-process';
